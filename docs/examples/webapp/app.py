"""An example web app on wulian-core's event store: open and accept cases, record
service, redeem at the points supermarket.

Run it with ``uvicorn`` (not a dependency of the library)::

    pip install 'wulian-core[web]' uvicorn
    WULIAN_STORE=events.sqlite uvicorn --factory app:from_environment

Each request runs one command in one unit of work (``store.run``): the aggregate is
loaded, the command runs as in the library's docs, and the events it recorded are
committed with the loaded version as expected; a request that loses a race is retried
on fresh state. Who acts comes from the ``X-Actor`` header, the codec's JSON of an
:class:`~wulian_core.people.Actor`: a stand-in for the app's own authentication.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Body, FastAPI, Header, Request
from fastapi.responses import JSONResponse

from wulian_core.codec import from_json, to_dict
from wulian_core.errors import (
    CalendarCoverageError,
    DecodeError,
    IdempotencyConflict,
    IllegalTransition,
    InsufficientPoints,
    InvalidValue,
    NotFound,
    PermissionDenied,
    WulianError,
)
from wulian_core.escalation import Case, CaseCategory, CaseChannel, EscalationPolicy
from wulian_core.people import Actor
from wulian_core.regions import RegionCode
from wulian_core.store import ConcurrencyConflict, EventStore, SQLiteStore, UnitOfWork

# What each refusal means to an HTTP client; anything else is a 500 with no detail.
STATUS = (
    (NotFound, 404),
    (PermissionDenied, 403),
    (InsufficientPoints, 409),
    (IdempotencyConflict, 409),
    (IllegalTransition, 409),
    (ConcurrencyConflict, 409),
    (InvalidValue, 422),
    (DecodeError, 422),
    (CalendarCoverageError, 422),
)


def create_app(
    store: EventStore,
    *,
    policy: EscalationPolicy | None = None,
    clock: Callable[[], dt.datetime] | None = None,
) -> FastAPI:
    """The app over ``store`` (created already); cases open under ``policy`` (Kangbashi).

    ``clock`` stamps each command (the real clock by default; tests pass a fixed one).
    """
    app = FastAPI(title="wulian-core example")
    case_policy = policy or EscalationPolicy.kangbashi()

    @app.exception_handler(WulianError)
    async def refused(_: Request, exc: WulianError) -> JSONResponse:
        status = next((code for kind, code in STATUS if isinstance(exc, kind)), 500)
        detail = str(exc) if status != 500 else "internal error"
        return JSONResponse({"error": type(exc).__name__, "detail": detail}, status_code=status)

    def actor(header: str) -> Actor:
        return from_json(Actor, header)

    def now() -> dt.datetime:
        return clock() if clock is not None else dt.datetime.now(dt.UTC)

    @app.post("/cases", status_code=201)
    def open_case(
        x_actor: Annotated[str, Header()],
        id: Annotated[str, Body()],
        resident: Annotated[str, Body()],
        community: Annotated[str, Body()],
        grid: Annotated[str, Body()],
        category: Annotated[str, Body()],
        channel: Annotated[str, Body()],
        summary: Annotated[str, Body()],
    ) -> dict[str, Any]:
        by = actor(x_actor)
        case = Case.open(
            id=id,
            resident=resident,
            community=RegionCode(community),
            grid=grid,
            category=from_json(CaseCategory, f'"{category}"'),
            channel=from_json(CaseChannel, f'"{channel}"'),
            summary=summary,
            policy=case_policy,
            by=by,
            at=now(),
        )
        store.run(lambda uow: uow.cases.add(case), attempts=1)
        return _case(case)

    @app.post("/cases/{case_id}/accept")
    def accept(case_id: str, x_actor: Annotated[str, Header()]) -> dict[str, Any]:
        by = actor(x_actor)

        def command(uow: UnitOfWork) -> Case:
            case = uow.cases.get(case_id)
            case.accept(by=by, at=now())
            return case

        return _case(store.run(command))

    @app.get("/cases/{case_id}")
    def read_case(case_id: str) -> dict[str, Any]:
        with store.unit_of_work() as uow:
            return _case(uow.cases.get(case_id))

    @app.post("/passbooks/{holder}/service")
    def record_service(
        holder: str,
        x_actor: Annotated[str, Header()],
        activity: Annotated[str, Body()],
        on: Annotated[dt.date, Body()],
        minutes: Annotated[int, Body()],
        key: Annotated[str, Body()],
    ) -> dict[str, Any]:
        by = actor(x_actor)

        def command(uow: UnitOfWork) -> dict[str, Any]:
            book = uow.passbooks.get(holder)
            events = book.record_service(
                activity=activity, on=on, minutes=minutes, by=by, at=now(), key=key
            )
            return {"events": [to_dict(e) for e in events], "balance": book.balance()}

        return store.run(command)

    @app.get("/passbooks/{holder}")
    def read_passbook(holder: str) -> dict[str, Any]:
        with store.unit_of_work() as uow:
            book = uow.passbooks.get(holder)
            return {"holder": holder, "balance": book.balance(), "version": book.version}

    @app.post("/catalogues/{point}/orders")
    def redeem(
        point: str,
        x_actor: Annotated[str, Header()],
        holder: Annotated[str, Body()],
        item: Annotated[str, Body()],
        key: Annotated[str, Body()],
        quantity: Annotated[int, Body()] = 1,
    ) -> dict[str, Any]:
        by = actor(x_actor)

        def command(uow: UnitOfWork) -> dict[str, Any]:
            book, shop = uow.passbooks.get(holder), uow.catalogues.get(point)
            shop.redeem(book, item=item, quantity=quantity, by=by, at=now(), key=key)
            return {
                "order": key,
                "balance": book.balance(),
                "stock": shop.stock(item),
                "status": shop.reservation(key).status.value,
            }

        return store.run(command)

    return app


def _case(case: Case) -> dict[str, Any]:
    return {
        "id": case.id,
        "status": case.status.value,
        "level": case.level.id,
        "version": case.version,
    }


def from_environment() -> FastAPI:
    """The app over the SQLite file named by ``WULIAN_STORE`` (default ``events.sqlite``)."""
    store = SQLiteStore(os.environ.get("WULIAN_STORE", "events.sqlite"))
    store.create()
    return create_app(store)
