"""Stored events carry a schema version; upcasters lift older ones before decoding.

This release writes every event at schema :data:`CURRENT_SCHEMA`. When a later release
changes an event's wire form, it bumps the schema and ships an upcaster from the old
form: a function from the old JSON object to the next one, keyed by the event's ``kind``
and the schema it lifts from. Rows are never rewritten; they are lifted as they are read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final, Protocol, TypeVar

from wulian_core.codec import from_dict, from_json, to_json
from wulian_core.errors import DecodeError, InvalidValue

from .protocol import NewEvent, Recorded

__all__ = ["CURRENT_SCHEMA", "Upcaster", "Upcasters", "decode", "encode"]

T = TypeVar("T")

CURRENT_SCHEMA: Final = 1
"""The schema version this release writes on every event."""


class Upcaster(Protocol):
    """Lifts one event's JSON object from schema ``n`` to ``n + 1``; any such function.

    >>> def add_channel(data: dict) -> dict:
    ...     return {**data, "channel": "in_person"}
    >>> step: Upcaster = add_channel
    >>> step({"kind": "case.opened"})["channel"]
    'in_person'
    """

    def __call__(self, data: dict[str, Any], /) -> dict[str, Any]:
        """The object at the next schema."""


class Upcasters:
    """The upcasters a store applies on read, keyed by ``(kind, from_schema)``.

    >>> lift = Upcasters({("case.urged", 0): lambda d: {"kind": d["kind"], "note": d["text"]}})
    >>> lift.lift("case.urged", 0, {"kind": "case.urged", "text": "请尽快"})
    {'kind': 'case.urged', 'note': '请尽快'}
    >>> lift.lift("case.urged", 2, {})
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Recorded.schema: is newer than this release reads (1): upgrade wulian-core (got 2)
    """

    __slots__ = ("_steps",)

    def __init__(self, steps: Mapping[tuple[str, int], Upcaster] | None = None) -> None:
        found: dict[tuple[str, int], Upcaster] = {}
        for key, step in (steps or {}).items():
            if (
                not isinstance(key, tuple)
                or len(key) != 2
                or type(key[0]) is not str
                or type(key[1]) is not int
                or not 0 <= key[1] < CURRENT_SCHEMA
            ):
                raise InvalidValue(
                    "Upcasters.steps", key, f"keys are (kind, schema below {CURRENT_SCHEMA})"
                )
            if not callable(step):
                raise InvalidValue(f"Upcasters.steps[{key!r}]", step, "must be callable")
            found[key] = step
        self._steps = found

    def __bool__(self) -> bool:
        return bool(self._steps)

    def lift(self, kind: str, schema: int, data: dict[str, Any]) -> dict[str, Any]:
        """``data``, stored at ``schema``, lifted step by step to the current schema."""
        if schema > CURRENT_SCHEMA:
            raise InvalidValue(
                "Recorded.schema",
                schema,
                f"is newer than this release reads ({CURRENT_SCHEMA}): upgrade wulian-core",
            )
        while schema < CURRENT_SCHEMA:
            step = self._steps.get((kind, schema))
            if step is not None:
                data = step(data)
            schema += 1
        return data


NO_UPCASTERS: Final = Upcasters()


def encode(event: Any) -> NewEvent:
    """The row of one domain event: its ``kind`` tag, key, instant and codec JSON.

    >>> import datetime as dt
    >>> from wulian_core.escalation import CaseUrged
    >>> row = encode(CaseUrged(case="c-1", at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    ...                        by="p-1", note="请尽快"))
    >>> row.kind, row.key, row.data[:31]
    ('case.urged', None, '{"kind":"case.urged","case":"c-')
    """
    return NewEvent(
        kind=type(event).kind,
        key=getattr(event, "key", None),
        at=event.at,
        data=to_json(event, reveal=True),  # storage keeps numbers whole
    )


def decode(cls: type[T], row: Recorded, upcasters: Upcasters = NO_UPCASTERS) -> T:
    """The domain event a stored row holds, lifted to the current schema first.

    >>> import datetime as dt
    >>> from wulian_core.escalation import CaseEvent, CaseUrged
    >>> from wulian_core.store import Recorded, StreamId
    >>> event = CaseUrged(case="c-1", at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), by="p-1",
    ...                   note="请尽快")
    >>> row = encode(event)
    >>> stored = Recorded(position=1, stream=StreamId("case", "c-1"), seq=2, kind=row.kind,
    ...                   schema=1, key=None, at=row.at, data=row.data)
    >>> decode(CaseEvent, stored) == event
    True
    """
    try:
        if row.schema == CURRENT_SCHEMA:
            return from_json(cls, row.data)
        try:
            data = json.loads(row.data)
        except ValueError as exc:
            raise DecodeError("event", [("", f"not valid JSON: {exc}")]) from None
        return from_dict(cls, upcasters.lift(row.kind, row.schema, data))
    except DecodeError as exc:  # name the stored row, not the union's many classes
        raise DecodeError(f"{row.stream} event {row.seq} ({row.kind})", exc.problems) from None
