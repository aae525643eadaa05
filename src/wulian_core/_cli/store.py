"""``wulian demo --store`` and ``wulian report --store``: the demo's quarter in the event store."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import Any, TextIO

from wulian_core._labels import Lang, check_lang, heading

from .common import InputError, stored

__all__ = ["report_from_store", "store_quarter"]


def store_quarter(quarter: Any, path: Path, out: TextIO, *, lang: Lang = "zh") -> None:
    """Write the quarter's events into a fresh SQLite store at ``path`` and say where."""
    import sqlite3

    from wulian_core.demo import save_quarter
    from wulian_core.store import SQLiteStore, StoreUnavailable

    if path.exists():  # replace an earlier demo's store, never anything else
        try:
            with contextlib.closing(sqlite3.connect(path)) as conn:
                tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.Error:
            tables = {"?"}
        if tables and "wulian_demo" not in tables:
            raise InputError(f"{path}: exists and was not written by wulian demo")
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
    try:
        store = SQLiteStore(path)
        with contextlib.closing(store):
            store.create()
            save_quarter(quarter, store)
            events = store.head()
    except StoreUnavailable as exc:
        raise InputError(str(exc)) from None
    print(f"{heading('event_store', lang)} ({events} events) written to {path}", file=out)
    print(f"  wulian report --store {path}  renders the report from it again", file=out)


def report_from_store(args: argparse.Namespace, out: TextIO) -> None:
    """``wulian report --store PATH``: render the HTML report from a stored demo quarter."""
    from wulian_core import policies
    from wulian_core.demo import load_quarter
    from wulian_core.html_report import render

    with stored(args.store, " (write one with wulian demo --store)") as store:
        quarter = load_quarter(store, targets=policies.load("shaanxi-2022"))
    try:
        args.output.write_text(render(quarter, lang=args.lang), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{args.output}: cannot write: {exc.strerror}") from None
    written = heading("html_report", check_lang(args.lang))
    print(f"{written} written to {args.output} from {args.store}", file=out)
