"""Codec benchmark: JSON text -> record -> JSON text, one record at a time.

    python bench/bench_codec.py                 # 100,000 records of each kind
    python bench/bench_codec.py --n 20000       # smaller, while developing
    python bench/bench_codec.py --profile       # and where the codec's time goes (cProfile)
    python bench/bench_codec.py --stdlib        # the codec on the json module (no orjson)

Two records: organizations (``SocialOrganization``, the directory's bulk) and stored
events (``ServiceRecorded``, the passbook's most common event, with its ``kind`` tag, an
aware instant and bounded counts). Against each:

- the floors, doing nothing but parse and write: orjson alone (the JSON library the codec
  uses) and the standard library's ``json`` (the floor the benchmark used before);
- pydantic v2 and msgspec models of the same record with the same checks
  (bench/codec_peers.py; tests/unit/test_codec_peers.py checks they refuse what we refuse),
  and, as before, the same models with the schema only ("plain").

Each approach runs side by side in this one process, in turn, best of ``--runs``, timed
in this process's CPU time (``time.process_time``) so that other work on a shared machine
counts less; figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import json
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson

sys.path.insert(0, str(Path(__file__).parent))
import codec_peers as peers
from wulian_core import SocialOrganization, codec, from_json, synth, to_json
from wulian_core.calendar import SHANGHAI
from wulian_core.points import ServiceRecorded


def organizations(n: int) -> list[str]:
    orgs = synth.province(seed=2, townships=50, communities=2_000, organizations=n).organizations
    return [to_json(o) for o in orgs]


def services(n: int) -> list[str]:
    start = dt.datetime(2024, 8, 1, 9, 0, tzinfo=SHANGHAI)
    texts = []
    for i in range(n):
        at = start + dt.timedelta(minutes=37 * i)
        minutes = 30 + (i * 7) % 300
        event = ServiceRecorded(
            holder=f"p-{i % 5000}",
            at=at,
            by=f"p-{i % 97}",
            key=f"svc-p-{i % 5000}-{i}",
            activity=f"act-{i % 800}",
            on=at.date(),
            organiser=None if i % 3 else f"org-{i % 40}",
            minutes=minutes,
            credited_minutes=min(minutes, 120),
            points=min(minutes, 120) // 60,
            settled=0 if i % 11 else 1,
            expires_on=None if i % 2 else at.date() + dt.timedelta(days=730),
        )
        texts.append(to_json(event, reveal=True))
    return texts


def approaches(
    ours: type, checked: tuple[type, type], plain: tuple[type, type], texts: list[str]
) -> dict[str, Callable[[], None]]:
    pydantic_checked, msgspec_checked = checked
    pydantic_plain, msgspec_plain = plain
    encoder = msgspec.json.Encoder()

    def with_msgspec(model: type) -> Callable[[], None]:
        decode = msgspec.json.Decoder(model).decode
        encode = encoder.encode

        def run() -> None:
            for t in texts:
                encode(decode(t))

        return run

    def with_pydantic(model: Any) -> Callable[[], None]:
        validate = model.model_validate_json

        def run() -> None:
            for t in texts:
                validate(t).model_dump_json()

        return run

    def stdlib() -> None:
        loads, dumps = json.loads, json.dumps
        for t in texts:
            dumps(loads(t), ensure_ascii=False, separators=(",", ":"))

    def orjson_alone() -> None:
        loads, dumps = orjson.loads, orjson.dumps
        for t in texts:
            dumps(loads(t)).decode()

    def wulian() -> None:
        for t in texts:
            to_json(from_json(ours, t), reveal=True)

    return {
        "json module alone (old floor)": stdlib,
        "orjson alone (floor)": orjson_alone,
        "wulian_core codec": wulian,
        "pydantic v2, same checks": with_pydantic(pydantic_checked),
        "msgspec, same checks": with_msgspec(msgspec_checked),
        "pydantic v2, schema only (old)": with_pydantic(pydantic_plain),
        "msgspec, schema only (old)": with_msgspec(msgspec_plain),
    }


def measure(runs: dict[str, Callable[[], None]], rounds: int) -> dict[str, float]:
    """The best of ``rounds`` for each, taking them in turn so that load hits all alike."""
    best = dict.fromkeys(runs, float("inf"))
    for fn in runs.values():
        fn()  # warm up: generated code, caches, interned codes
    for _ in range(rounds):
        for name, fn in runs.items():
            gc.collect()
            start = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - start)
    return best


def report(title: str, n: int, best: dict[str, float]) -> None:
    ours = best["wulian_core codec"]
    print(f"{title}: JSON text -> record -> JSON text, {n:,} records one at a time")
    for name, seconds in best.items():
        print(
            f"  {name:32s} {seconds / n * 1e6:6.2f} µs a record   ours / this = {ours / seconds:5.2f}"
        )
    print(
        f"  goals: <= 0.8x pydantic v2 (same checks) -> {ours / best['pydantic v2, same checks']:.2f}x;"
        f" <= 2x msgspec (same checks) -> {ours / best['msgspec, same checks']:.2f}x"
    )


# Where a function's own time goes, by what it is part of (the first that matches).
_PARTS = (
    (
        "decoder (generated)",
        ("<wulian_core codec decode", "<wulian_core codec read", "<cattrs generated structure"),
    ),
    ("attrs __init__", ("<attrs generated",)),
    ("validators", ("_checks.py", "events.py", "fields.py", "model.py")),
    ("field hooks", ("_codec_scalars.py", "_converter.py", "regions.py", "enum.py")),
    (
        "encoder (generated)",
        ("<wulian_core codec encode", "<wulian_core codec write", "<cattrs generated unstructure"),
    ),
    ("codec's layers (from_json, to_json, ...)", ("codec.py", "functools")),
    ("orjson", ("<orjson.", "<method 'decode' of 'bytes'")),
    ("built-ins the above call", ("~",)),
)


def profile(cls: type, texts: list[str]) -> None:
    def run() -> None:
        for t in texts:
            to_json(from_json(cls, t), reveal=True)

    run()
    profiler = cProfile.Profile()
    profiler.runcall(run)
    stats = pstats.Stats(profiler)
    rows = {k: v for k, v in stats.stats.items() if k[2] != "run"}  # type: ignore[attr-defined]
    total = sum(v[2] for v in rows.values())
    shares: dict[str, float] = {}
    for (file, _, name), (_, _, tottime, _, _) in rows.items():
        where = f"{file} {name}"
        part = next((p for p, marks in _PARTS if any(m in where for m in marks)), "other")
        shares[part] = shares.get(part, 0.0) + tottime / total
    print(f"  profile of the codec ({cls.__name__}; cProfile, own time, the loop left out):")
    for part, _ in (*_PARTS, ("other", ())):
        if part in shares:
            print(f"    {shares[part] * 100:5.1f} %  {part}")
    top = sorted(rows.items(), key=lambda kv: -kv[1][2])[:8]
    for (file, line, name), (_, calls, tottime, _, _) in top:
        where = Path(file).name if file.startswith("/") else file
        print(f"      {tottime / total * 100:5.1f} %  {name}  ({where}:{line}, {calls:,} calls)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="records of each kind")
    parser.add_argument("--runs", type=int, default=5, help="rounds; the best counts")
    parser.add_argument("--profile", action="store_true", help="profile the codec too")
    parser.add_argument(
        "--stdlib", action="store_true", help="the codec on the json module, as without orjson"
    )
    args = parser.parse_args()
    if args.stdlib:
        # As where orjson is not installed: the codec's first call finds no orjson and
        # picks the json module (the floors keep the orjson imported above).
        sys.modules["orjson"] = None  # type: ignore[assignment]
    codec._json_backend()
    print(f"(our JSON backend: {'json' if codec._orjson_dumps is None else 'orjson'})")
    kinds = [
        (
            "organizations",
            SocialOrganization,
            organizations(args.n),
            (peers.PydanticOrg, peers.MsgspecOrg),
            (peers.PlainPydanticOrg, peers.PlainMsgspecOrg),
        ),
        (
            "service events",
            ServiceRecorded,
            services(args.n),
            (peers.PydanticService, peers.MsgspecService),
            (peers.PlainPydanticService, peers.PlainMsgspecService),
        ),
    ]
    for title, cls, texts, checked, plain in kinds:
        assert to_json(from_json(cls, texts[0]), reveal=True) == texts[0]
        report(title, len(texts), measure(approaches(cls, checked, plain, texts), args.runs))
        if args.profile:
            profile(cls, texts[: min(len(texts), 20_000)])


if __name__ == "__main__":
    main()
