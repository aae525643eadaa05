"""What a snapshot of a long passbook costs: its size, and the memory of loading from it.

Run from the repository root::

    python bench/bench_snapshot_memory.py            # a 100,000-event passbook
    python bench/bench_snapshot_memory.py --events 20000

Builds a passbook of N events (activity accruals, one lot each: the heaviest state per
event), stores it in a SQLite file with a JSON snapshot at its head and a pickled one,
and reports each snapshot's size and, under ``tracemalloc``, the peak memory and the
memory kept of a load from the rows, from the JSON snapshot and from the pickled one
(each in a fresh store, one after the other). Timings are left to ``bench_store.py``;
``tracemalloc`` slows everything down.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

from bench_store import passbook_events
from wulian_core.points import Passbook, PointsPolicy
from wulian_core.store import (
    Append,
    EventPrefixSnapshots,
    SQLiteStore,
    StateSnapshots,
    StreamId,
    encode,
)


def measure(load: Any) -> tuple[float, float]:
    gc.collect()
    tracemalloc.start()
    kept = load()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return current / 1e6, peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    events = passbook_events(args.events, "p-long")
    book = Passbook.replay(events, policy=PointsPolicy.practice())
    stream = StreamId("passbook", "p-long")
    root = Path(tempfile.mkdtemp(prefix="wulian-snapmem-"))
    path = root / "events.sqlite"
    store = SQLiteStore(path, shipped_projections=False)
    store.create()
    rows = [encode(e) for e in events]
    for start in range(0, len(rows), 1000):
        store.append(
            Append(stream=stream, expected=start, events=tuple(rows[start : start + 1000]))
        )
    doc = json.dumps(StateSnapshots().dump(stream, book), ensure_ascii=False)
    pickled = EventPrefixSnapshots().dump(stream, book) or b""
    print(f"| passbook of {args.events:,} events | JSON snapshot {len(doc.encode()) / 1e6:.1f} MB "
          f"| pickled snapshot {len(pickled) / 1e6:.1f} MB |")  # fmt: skip
    print("| load | memory kept (the passbook) | peak while loading |")
    print("|---|---|---|")
    plain = SQLiteStore(path, cache_streams=0, shipped_projections=False)
    kept, peak = measure(lambda: plain.load(stream))
    print(f"| from the rows | {kept:.0f} MB | {peak:.0f} MB |")
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO wulian_snapshots (stream_kind, stream_id, version, state, schema, doc) "
            "VALUES (?, ?, ?, ?, 1, ?)", (stream.kind, stream.id, book.version, b"", doc))  # fmt: skip
    snapped = SQLiteStore(path, cache_streams=0, snapshot_every=1, shipped_projections=False)
    kept, peak = measure(lambda: snapped.load(stream))
    print(f"| from the JSON snapshot | {kept:.0f} MB | {peak:.0f} MB |")
    with store.transaction() as tx:
        tx.execute("UPDATE wulian_snapshots SET schema = 0, doc = NULL, state = ?", (pickled,))
    pickling = SQLiteStore(path, cache_streams=0, snapshot_every=1, shipped_projections=False,
                           snapshots=EventPrefixSnapshots())  # fmt: skip
    kept, peak = measure(lambda: pickling.load(stream))
    print(f"| from the pickled snapshot | {kept:.0f} MB | {peak:.0f} MB |")
    for each in (store, plain, snapped, pickling):
        each.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
