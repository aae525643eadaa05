"""The store stays out of ``import wulian_core``; psycopg is loaded only for PostgresStore."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.strip()


def test_importing_the_package_loads_neither_the_store_nor_its_drivers() -> None:
    out = _run(
        "import sys, wulian_core, wulian_core.escalation, wulian_core.points\n"
        "print(sorted(m for m in ('psycopg', 'sqlite3', 'wulian_core.store', "
        "'wulian_core._store.postgres') if m in sys.modules))"
    )
    assert out == "[]"


def test_the_store_face_does_not_load_psycopg() -> None:
    out = _run(
        "import sys, wulian_core.store\n"
        "print('psycopg' in sys.modules, 'wulian_core._store.postgres' in sys.modules)"
    )
    assert out == "False False"


def test_a_postgres_store_without_psycopg_names_the_extra() -> None:
    out = _run(
        "import sys\n"
        "sys.modules['psycopg'] = None  # as on a machine without the extra\n"
        "from wulian_core.store import PostgresStore, StoreUnavailable\n"
        "try:\n"
        "    PostgresStore('dbname=x')\n"
        "except StoreUnavailable as exc:\n"
        "    print(exc)\n"
    )
    assert out == "PostgresStore needs psycopg 3: pip install 'wulian-core[postgres]'"
