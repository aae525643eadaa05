"""A case's state and its one ``apply`` path: a dict of small functions, one per event type.

``apply(event, case)`` folds one event into the case's state; :meth:`Case.replay` is
that fold over a history. The state is plain slots on the :class:`CaseState` object,
updated in place: an event costs a dictionary lookup and a few attribute writes, never a
copy of the case (see ``bench/bench_escalation.py``). Queries read the state and the
event list; none of them changes anything.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wulian_core.calendar import WorkCalendar
from wulian_core.regions import RegionCode

from . import parts
from .events import (
    CaseEvent,
    CaseOpened,
    CaseResolved,
    ExtensionRequested,
)
from .flags import (
    SUPERVISED,
)
from .policy import EscalationLevel, EscalationPolicy
from .values import CaseCategory, CaseChannel, CaseResult, CaseStatus, Satisfaction

__all__ = ["CaseState"]


class CaseState:
    """The state of one case, kept by :func:`apply`. Internal and mutable."""

    __slots__ = (
        "_accept_due",
        "_agency",
        "_alarm",
        "_arrived_at",
        "_calendar",
        "_co_units",
        "_events",
        "_extended",
        "_flags",
        "_index",
        "_last_at",
        "_level",
        "_opened",
        "_owner",
        "_parts",
        "_pending",
        "_rating",
        "_reopens",
        "_resolution",
        "_resolve_due",
        "_senders",
        "_status",
    )

    _accept_due: dt.datetime | None
    _agency: str | None
    _alarm: Any
    _arrived_at: dt.datetime
    _calendar: WorkCalendar
    _co_units: tuple[str, ...]
    _events: list[CaseEvent] | tuple[CaseEvent, ...]  # a tuple after replay, until a command
    _extended: int
    _flags: int
    _index: Any  # the policy's level index (a read-only mapping)
    _last_at: dt.datetime
    _level: int
    _opened: CaseOpened
    # The centre that transferred the case (转办) and keeps it, and each co-unit's part.
    _owner: str | None
    _parts: tuple[parts.UnitPart, ...]
    _pending: ExtensionRequested | None
    _rating: Any
    _reopens: int
    _resolution: CaseResolved | None
    _resolve_due: dt.datetime | None
    # Whoever sent the case to its current holder, for 退回: (level, agency, earlier senders),
    # None if nobody did; UNKNOWN after replay, until senders() works it out from the history.
    _senders: Any
    _status: CaseStatus

    # --- what the case is (its CaseOpened event) and where it stands; examples in Case ---

    @property
    def id(self) -> str:
        """The case id."""
        return self._opened.case

    @property
    def resident(self) -> str:
        """The resident's person id."""
        return self._opened.resident

    @property
    def community(self) -> RegionCode:
        """The community the case belongs to."""
        return self._opened.community

    @property
    def grid(self) -> str:
        """The grid the case belongs to."""
        return self._opened.grid

    @property
    def category(self) -> CaseCategory:
        """Appeal, complaint or suggestion, dispute or hazard."""
        return self._opened.category

    @property
    def channel(self) -> CaseChannel:
        """How the case came in."""
        return self._opened.channel

    @property
    def summary(self) -> str:
        """What the resident brought, in their words."""
        return self._opened.summary

    @property
    def home_agency(self) -> str | None:
        """The agency that takes the case at an agency level unless another is named."""
        return self._opened.home_agency

    @property
    def policy(self) -> EscalationPolicy:
        """The policy the case runs under (part of its first event)."""
        return self._opened.policy

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar its clocks count on."""
        return self._calendar

    @property
    def opened_at(self) -> dt.datetime:
        """When the case was opened."""
        return self._opened.at

    @property
    def status(self) -> CaseStatus:
        """Where the case stands at its level."""
        return self._status

    @property
    def level(self) -> EscalationLevel:
        """The level that holds the case."""
        return self._opened.policy.levels[self._level]

    @property
    def agency(self) -> str | None:
        """The agency holding the case at an agency level (the lead unit after 转办)."""
        return self._agency

    @property
    def co_units(self) -> tuple[str, ...]:
        """The co-units (协办单位) of the last transfer at this level."""
        return self._co_units

    @property
    def version(self) -> int:
        """How many events the case holds, for optimistic concurrency."""
        return len(self._events)

    @property
    def events(self) -> tuple[CaseEvent, ...]:
        """The whole history, oldest first."""
        return tuple(self._events)

    @property
    def last_at(self) -> dt.datetime:
        """The instant of the last event; a command may not come before it."""
        return self._last_at

    @property
    def pending_extension(self) -> ExtensionRequested | None:
        """The extension request awaiting a supervisor, if any."""
        return self._pending

    @property
    def reopens(self) -> int:
        """How many times the case was reopened at its current level."""
        return self._reopens

    @property
    def rating(self) -> Satisfaction | None:
        """The resident's rating of the current resolution, if rated."""
        return self._rating  # type: ignore[no-any-return]

    @property
    def result(self) -> CaseResult | None:
        """The result of the last resolution, if any."""
        return None if self._resolution is None else self._resolution.result

    @property
    def supervised(self) -> bool:
        """Whether the case has been put under supervision (督办)."""
        return bool(self._flags & SUPERVISED)
