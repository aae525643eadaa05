"""What the command's subcommands share: the bad-input error, reading a file, one-line messages."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["InputError", "exists", "one_line", "read_text", "shown_path"]


class InputError(Exception):
    """Bad input from the command line or a file: printed as one line, exit status 2."""


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{shown_path(path)}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{shown_path(path)}: cannot read: {exc.strerror}") from None
    except ValueError:  # a NUL in the name: no file can have it
        raise InputError(f"{shown_path(path)}: not a file name") from None


def shown_path(path: Path) -> str:
    """A path as an error shows it: cut short when it is long or holds unprintable characters."""
    text = str(path)
    return text if len(text) <= 200 and text.isprintable() else f"{text[:40]!r}…"


def exists(path: Path) -> bool:
    """Whether ``path`` names a file; a name no file can have (too long, a NUL) names none."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def one_line(exc: Exception) -> str:
    """An error's message on one line: a DecodeError's list of paths joined with ``;``."""
    first, _, rest = str(exc).partition("\n")
    detail = "; ".join(line.lstrip("- ") for line in rest.splitlines())
    return f"{first} {detail}" if detail else first


@contextlib.contextmanager
def stored(path: Path, hint: str = "") -> Iterator[Any]:
    """The SQLite event store at ``path``, closed after; a file that is no store (or holds
    no demo quarter) is an :class:`InputError` of one line, not the driver's traceback."""
    import sqlite3

    from wulian_core.errors import NotFound, StoreError
    from wulian_core.store import SQLiteStore

    if not exists(path) or not path.is_file():
        raise InputError(f"{path}: no such store{hint}")
    # Looked at read-only first: opening a store sets it up (WAL), which must not happen
    # to a file that is not one.
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            found = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'wulian_events'"
            ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path}: not a wulian event store{hint} ({one_line(exc)})") from None
    if found is None:
        raise InputError(f"{path}: not a wulian event store{hint} (no wulian_events table)")
    try:
        store = SQLiteStore(path)
        with contextlib.closing(store):
            yield store
    except (sqlite3.DatabaseError, StoreError, NotFound) as exc:
        raise InputError(f"{path}: {one_line(exc)}") from None
