"""``wulian demo`` writes the quarter into a SQLite store; ``wulian report`` renders it again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wulian_core.cli import main


@pytest.fixture(autouse=True)
def _in_a_scratch_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_the_demo_writes_its_store_beside_the_report_and_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["demo"]) == 0

    out = capsys.readouterr().out
    assert "event store (5209 events) written to wulian-report.sqlite" in out
    with sqlite3.connect(tmp_path / "wulian-report.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM wulian_events").fetchone() == (5209,)
        kinds = conn.execute(
            "SELECT stream_kind, count(DISTINCT stream_id), count(*) FROM wulian_events "
            "GROUP BY stream_kind ORDER BY stream_kind"
        ).fetchall()
    # 19 communities, an activity a month each: 57 activity streams of 1240 events.
    assert [(kind, streams) for kind, streams, _ in kinds] == [
        ("activity", 57),
        ("case", 234),
        ("catalogue", 1),
        ("passbook", 208),
    ]
    assert {kind: events for kind, _, events in kinds}["activity"] == 1240


def test_the_stored_quarter_shows_the_activities_the_store_holds() -> None:
    import datetime as dt

    from wulian_core import policies, synth
    from wulian_core.demo import load_quarter, save_quarter
    from wulian_core.examples import activity_opened
    from wulian_core.simulation import simulate_quarter
    from wulian_core.store import SQLiteStore

    plan = policies.load("shaanxi-2022")
    quarter = simulate_quarter(synth.kangbashi(seed=0), targets=plan, seed=0)
    store = SQLiteStore(":memory:", clock=lambda: dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    store.create()
    save_quarter(quarter, store)
    extra = activity_opened()[0]  # an app's own activity, stored beside the demo's
    store.run(lambda uow: uow.activities.add(extra))

    again = load_quarter(store, targets=plan).volunteering

    stored = [a.events for a in again.activities]
    assert stored[:-1] == [a.events for a in quarter.volunteering.activities]
    assert stored[-1] == extra.events  # read from the store, not simulated from the seed
    assert again.needs == quarter.volunteering.needs  # not event-sourced: simulated again


def test_the_report_from_the_store_is_the_report_the_demo_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["demo", "--seed", "2", "--store", "q.sqlite", "-o", "live.html"]) == 0
    assert main(["demo", "--seed", "2", "--store", "q.sqlite", "-o", "live.html"]) == 0  # again

    assert main(["report", "--store", "q.sqlite", "-o", "stored.html"]) == 0

    assert "written to stored.html from q.sqlite" in capsys.readouterr().out
    assert (tmp_path / "stored.html").read_bytes() == (tmp_path / "live.html").read_bytes()


def test_the_demo_never_replaces_a_store_it_did_not_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with sqlite3.connect(tmp_path / "app.sqlite") as conn:
        conn.execute("CREATE TABLE orders (id INTEGER)")

    assert main(["demo", "--store", "app.sqlite"]) == 2
    assert "was not written by wulian demo" in capsys.readouterr().err
    with sqlite3.connect(tmp_path / "app.sqlite") as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("orders",)]


def test_a_report_without_a_store_says_how_to_make_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--store", "missing.sqlite"]) == 2
    assert "wulian demo --store" in capsys.readouterr().err
