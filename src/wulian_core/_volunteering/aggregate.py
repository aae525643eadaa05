"""The frame every volunteering aggregate shares: events, version, replay, the command frame.

An aggregate changes only through :meth:`EventSourced._record`, which applies an event
through the class's one ``APPLY`` table and appends it. Commands check everything first
(:meth:`EventSourced._frame`, then a ``decide_*`` function), so a refused command
records nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Self

from wulian_core import _checks
from wulian_core.errors import IntegrityError, InvalidValue
from wulian_core.people import Actor

from . import checks

__all__ = ["EventSourced"]


class EventSourced:
    """The events, version and replay of an aggregate; subclasses give ``APPLY``."""

    __slots__ = ("_events", "_last_at")

    APPLY: ClassVar[Mapping[type, Callable[[Any, Any], None]]]
    FIRST: ClassVar[type]
    SUBJECT: ClassVar[str]  # the event field naming the aggregate

    _events: list[Any]
    _last_at: dt.datetime

    def _start(self, first: Any) -> None:
        self._events = []
        self._record(first)

    def _record(self, event: Any) -> None:
        self.APPLY[type(event)](self, event)
        self._events.append(event)
        self._last_at = event.at

    def _frame(self, command: str, by: object, at: object) -> tuple[Actor, dt.datetime]:
        name = f"{type(self).__name__}.{command}"
        actor = checks.actor_of(by, f"{name}.by")
        when = checks.aware_of(at, f"{name}.at")
        if when < self._last_at:
            raise InvalidValue(
                f"{name}.at", when, f"must not be before the last event ({self._last_at})"
            )
        return actor, when

    def _commit(self, events: Iterable[Any]) -> tuple[Any, ...]:
        recorded = tuple(events)
        for event in recorded:
            self._record(event)
        return recorded

    @classmethod
    def _replay(cls, events: Iterable[Any]) -> Self:
        try:
            stream = list(events)
        except TypeError:
            raise InvalidValue(
                f"{cls.__name__}.replay.events", events, "must be an iterable of events"
            ) from None
        if not stream or type(stream[0]) is not cls.FIRST:
            head = stream[0] if stream else None
            raise IntegrityError(
                [f"a history starts with {cls.FIRST.__name__}, not {_checks.shown(head)}"]
            )
        subject = getattr(stream[0], cls.SUBJECT)
        problems = []
        for n, event in enumerate(stream[1:], start=1):
            if type(event) not in cls.APPLY or type(event) is cls.FIRST:
                problems.append(f"event {n}: {type(event).__name__} does not belong here")
            elif getattr(event, cls.SUBJECT) != subject:
                problems.append(
                    f"event {n}: belongs to {_checks.shown(getattr(event, cls.SUBJECT))}, not {subject!r}"
                )
            elif event.at < stream[n - 1].at:
                problems.append(f"event {n}: at {event.at} is before the event before it")
        if problems:
            raise IntegrityError(problems)
        aggregate = object.__new__(cls)
        aggregate._start(stream[0])
        for event in stream[1:]:
            aggregate._record(event)
        return aggregate

    @property
    def events(self) -> tuple[Any, ...]:
        """Every event recorded, oldest first: the record of truth."""
        return tuple(self._events)

    @property
    def version(self) -> int:
        """How many events the aggregate has (for optimistic concurrency)."""
        return len(self._events)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._events == other._events

    def __hash__(self) -> int:
        return hash((type(self).__name__, getattr(self._events[0], self.SUBJECT)))
