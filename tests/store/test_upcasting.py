"""Upgrades: events carry a schema version; upcasters lift old ones; a fixture replays."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from store_support import HOLDER, LIAISON, SUPERVISOR, T0, earn, open_case, open_passbook, open_shop

from wulian_core.errors import InvalidValue
from wulian_core.store import CURRENT_SCHEMA, Append, NewEvent, StreamId, Upcasters

FIXTURE = Path(__file__).parent / "fixtures" / "events-schema-1.jsonl"


def _history() -> list[tuple[StreamId, list[Any]]]:
    """One case, one passbook and one catalogue with an order: what the fixture holds."""
    case = open_case("c-1")
    case.accept(by=LIAISON, at=T0)
    case.urge(note="请尽快", by=SUPERVISOR, at=T0)
    book = open_passbook()
    earn(book, "k-1")
    shop = open_shop()
    shop.redeem(book, item="rice", by=HOLDER, at=T0, key="o-1")
    return [
        (StreamId("case", "c-1"), list(case.events)),
        (StreamId("passbook", "p-3"), list(book.events)),
        (StreamId("catalogue", "shop-1"), list(shop.events)),
    ]


def _load_fixture(store: Any) -> None:
    appends: dict[StreamId, list[NewEvent]] = {}
    schemas = set()
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        schemas.add(row["schema"])
        stream = StreamId(row["stream_kind"], row["stream_id"])
        appends.setdefault(stream, []).append(
            NewEvent(
                kind=row["kind"],
                key=row["key"],
                at=dt.datetime.fromisoformat(row["at"]),
                data=row["data"],
            )
        )
    assert schemas == {1}
    store.append(*(Append(stream=s, expected=0, events=e) for s, e in appends.items()))


def test_events_stored_by_this_release_still_replay(store: Any) -> None:
    _load_fixture(store)

    for stream, events in _history():
        assert store.load(stream).events == tuple(events)
    assert store.load(StreamId("passbook", "p-3")).balance() == 0


def test_the_fixture_is_what_this_release_writes(store: Any) -> None:
    # Rewritten only by hand (see the docstring of _history): a change here means the
    # wire format changed, and the release needs an upcaster and a new schema number.
    for stream, events in _history():
        with store.unit_of_work() as uow:
            getattr(uow, f"{stream.kind}s").add(_rebuilt(stream, events))
            uow.commit()

    def row(
        stream_kind: str, seq: int, kind: str, schema: int, key: Any, at: Any, data: str
    ) -> Any:
        return (
            stream_kind,
            seq,
            kind,
            schema,
            key,
            dt.datetime.fromisoformat(str(at)),
            json.loads(data),
        )

    written = sorted(
        row(r.stream.kind, r.seq, r.kind, r.schema, r.key, r.at.isoformat(), r.data)
        for r in store.read_all()
    )
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    fixture = [json.loads(line) for line in lines]
    expected = sorted(
        row(f["stream_kind"], f["seq"], f["kind"], f["schema"], f["key"], f["at"], f["data"])
        for f in fixture
    )
    assert written == expected


def _rebuilt(stream: StreamId, events: list[Any]) -> Any:
    from wulian_core.escalation import Case
    from wulian_core.points import Catalogue, Passbook, PointsPolicy

    if stream.kind == "case":
        return Case.replay(events)
    if stream.kind == "passbook":
        return Passbook.replay(events, policy=PointsPolicy.practice())
    return Catalogue.replay(events)


def test_an_upcaster_lifts_an_older_event_as_it_is_read(make: Any) -> None:
    def rename(data: dict[str, Any]) -> dict[str, Any]:
        data["note"] = data.pop("text")
        return data

    store = make(upcasters=Upcasters({("case.urged", 0): rename}))
    store.run(lambda uow: uow.cases.add(open_case("c-1")))
    old = '{"kind":"case.urged","case":"c-1","at":"2024-09-26T09:00:00+08:00","by":"p-super","text":"快"}'
    with store.transaction() as tx:  # a row as an older release would have stored it
        tx.execute(
            "INSERT INTO wulian_events (stream_kind, stream_id, seq, kind, schema, key, at, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ("case", "c-1", 2, "case.urged", 0, None, tx.instant(T0), old),
        )

    case = store.load(StreamId("case", "c-1"))
    assert case.events[-1].note == "快"
    assert CURRENT_SCHEMA == 1


def test_upcasters_are_checked_when_made() -> None:
    with pytest.raises(InvalidValue, match="Upcasters.steps"):
        Upcasters({("case.urged", 1): lambda d: d})
    with pytest.raises(InvalidValue, match="must be callable"):
        Upcasters({("case.urged", 0): "rename"})  # type: ignore[dict-item]
