"""The example web app (docs/examples/webapp) driven through its test client, on both stores."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from store_support import HOLDER, HOME, LIAISON, STAFF, T0, fixed_clock, open_passbook, open_shop

from wulian_core.codec import to_json
from wulian_core.store import StreamId

pytest.importorskip("fastapi", reason="the example app needs the web extra")
from fastapi.testclient import TestClient

APP = Path(__file__).parents[2] / "docs" / "examples" / "webapp" / "app.py"


def _app_module() -> Any:
    spec = importlib.util.spec_from_file_location("wulian_example_webapp", APP)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def client(store: Any) -> TestClient:
    def setup(uow: Any) -> None:
        uow.passbooks.add(open_passbook())
        uow.catalogues.add(open_shop())

    store.run(setup)
    app = _app_module().create_app(store, clock=fixed_clock(T0))
    return TestClient(app)


def _as(actor: Any) -> dict[str, str]:
    return {"X-Actor": to_json(actor)}


NEW_CASE = {
    "id": "c-1",
    "resident": "p-1",
    "community": str(HOME),
    "grid": "g-1",
    "category": "dispute",
    "channel": "in_person",
    "summary": "楼上漏水",
}


def test_open_a_case_and_accept_it(client: TestClient, store: Any) -> None:
    opened = client.post("/cases", json=NEW_CASE, headers=_as(HOLDER.__class__("p-1")))
    assert opened.status_code == 201, opened.text
    assert opened.json() == {"id": "c-1", "status": "awaiting_acceptance", "level": "liaison",
                             "version": 1}  # fmt: skip

    accepted = client.post("/cases/c-1/accept", headers=_as(LIAISON))
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "in_hand"

    again = client.post("/cases/c-1/accept", headers=_as(LIAISON))
    assert again.status_code == 409
    assert again.json()["error"] == "IllegalTransition"
    assert [r.kind for r in store.read_stream(StreamId("case", "c-1"))] == [
        "case.opened",
        "case.accepted",
    ]
    assert client.get("/cases/c-1").json()["version"] == 2


def test_a_case_opened_twice_is_a_conflict(client: TestClient) -> None:
    headers = _as(HOLDER.__class__("p-1"))
    assert client.post("/cases", json=NEW_CASE, headers=headers).status_code == 201
    assert client.post("/cases", json=NEW_CASE, headers=headers).status_code == 409


def test_record_service_then_redeem_and_a_retry_spends_once(client: TestClient, store: Any) -> None:
    service = {"activity": "act-1", "on": T0.date().isoformat(), "minutes": 300, "key": "svc-1"}
    recorded = client.post("/passbooks/p-3/service", json=service, headers=_as(STAFF))
    assert recorded.status_code == 200, recorded.text
    earned = recorded.json()["balance"]
    assert earned > 0
    retried = client.post("/passbooks/p-3/service", json=service, headers=_as(STAFF))
    assert retried.json()["balance"] == earned  # the same key: recorded once

    order = {"holder": "p-3", "item": "rice", "key": "o-1"}
    redeemed = client.post("/catalogues/shop-1/orders", json=order, headers=_as(HOLDER))
    assert redeemed.status_code == 200, redeemed.text
    assert redeemed.json() == {"order": "o-1", "balance": earned - 2, "stock": 999,
                               "status": "pending"}  # fmt: skip
    resent = client.post("/catalogues/shop-1/orders", json=order, headers=_as(HOLDER))
    assert resent.json()["balance"] == earned - 2
    assert client.get("/passbooks/p-3").json()["balance"] == earned - 2
    keys = [r.key for r in store.read_stream(StreamId("passbook", "p-3"))]
    assert keys == ["opened", "svc-1", "o-1"]


def test_refusals_map_to_http_statuses(client: TestClient) -> None:
    assert client.get("/cases/c-404").status_code == 404
    order = {"holder": "p-3", "item": "rice", "key": "o-9"}
    broke = client.post("/catalogues/shop-1/orders", json=order, headers=_as(HOLDER))
    assert (broke.status_code, broke.json()["error"]) == (409, "InsufficientPoints")
    stranger = client.post("/cases/c-404/accept", headers={"X-Actor": "not json"})
    assert stranger.status_code == 422
    theft = client.post(
        "/catalogues/shop-1/orders", json=order, headers=_as(HOLDER.__class__("p-7"))
    )
    assert theft.status_code == 403
