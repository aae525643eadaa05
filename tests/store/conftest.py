"""Stores for the contract suite: SQLite in a temporary file, and a real PostgreSQL.

PostgreSQL comes from ``WULIAN_TEST_POSTGRES_DSN`` (``.ci/run`` starts a server and sets
it). Without it, a throwaway server is started from Debian's binaries
(/usr/lib/postgresql/*/bin) in a temporary directory, as an unprivileged user. With
neither, the PostgreSQL tests are skipped, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

_schemas = itertools.count()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_postgres(root: Path) -> tuple[str, Callable[[], None]] | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        return None
    bin_dir = Path(found[-1]).parent
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as nobody
        shutil.chown(root, "nobody")
        shutil.chown(sock, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{sock}' -p {port} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    subprocess.run(
        [
            *as_user,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-l",
            str(root / "log"),
            "start",
        ],
        check=True,
        capture_output=True,
    )

    def stop() -> None:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
        )

    return f"host={sock} port={port} user=postgres dbname=postgres", stop


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """A DSN of a live PostgreSQL server, or a skip (a failure in CI) with the reason."""
    dsn = os.environ.get("WULIAN_TEST_POSTGRES_DSN")
    if dsn:
        yield dsn
        return
    root = Path(tempfile.mkdtemp(prefix="wulian-pg-"))
    started = _start_postgres(root)
    if started is None:
        reason = (
            "no PostgreSQL: set WULIAN_TEST_POSTGRES_DSN or install Debian's postgresql "
            "(apt-get install postgresql)"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    dsn, stop = started
    try:
        yield dsn
    finally:
        stop()
        shutil.rmtree(root, ignore_errors=True)


def _fresh_schema(dsn: str) -> str:
    """A new, empty schema on the server; the DSN that puts it first on the search path."""
    import psycopg

    name = f"t{os.getpid()}_{next(_schemas)}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        conn.execute(f"CREATE SCHEMA {name}")
    return f"{dsn} options='-c search_path={name}'"


@pytest.fixture(params=["sqlite", "postgres"])
def store_spec(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, Any]:
    """A picklable description of an empty store of each kind (see ``make_store``)."""
    if request.param == "sqlite":
        return {"kind": "sqlite", "path": str(tmp_path / "events.sqlite")}
    dsn = request.getfixturevalue("postgres_dsn")
    return {"kind": "postgres", "dsn": _fresh_schema(dsn)}


@pytest.fixture
def make(store_spec: dict[str, Any]) -> Iterator[Callable[..., Any]]:
    """Make stores (created, closed after the test) over the one database of the test."""
    from store_support import make_store

    made: list[Any] = []

    def factory(**options: Any) -> Any:
        store = make_store(store_spec, **options)
        store.create()
        made.append(store)
        return store

    yield factory
    for store in made:
        store.close()


@pytest.fixture
def store(make: Callable[..., Any]) -> Any:
    """An empty, created store of each kind."""
    return make()
