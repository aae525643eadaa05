"""What a case answers: where it stands, its deadlines, its timeline, its time at each level.

Every query reads the state kept by ``apply`` or walks the event list; none changes
anything. The examples use :mod:`wulian_core._case_example`.
"""

from __future__ import annotations

import datetime as dt

from . import _case_tracking as tracking
from ._case_events import CaseEvent, ExtensionRequested
from ._case_state import (
    ACCEPT_MISSED,
    ACCEPT_WARNED,
    RESOLVE_MISSED,
    RESOLVE_WARNED,
    SUPERVISED,
    _CaseState,
)
from ._case_tracking import CaseDeadline, TimelineEntry
from ._case_values import CaseCategory, CaseChannel, CaseClock, CaseResult, CaseStatus, Satisfaction
from ._escalation_policy import EscalationLevel, EscalationPolicy
from .calendar import WorkCalendar
from .regions import RegionCode

__all__ = ["_Queries"]

_COMPARED = tuple(name for name in _CaseState.__slots__ if name not in ("_alarm", "_index"))


class _Queries(_CaseState):
    __slots__ = ()

    # --- what the case is -------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The case id.

        >>> from wulian_core._case_example import example
        >>> example()[0].id
        'case-1'
        """
        return self._opened.case

    @property
    def resident(self) -> str:
        """The resident's person id.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].resident
        'p-resident'
        """
        return self._opened.resident

    @property
    def community(self) -> RegionCode:
        """The community the case belongs to.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].community
        RegionCode('150603001001')
        """
        return self._opened.community

    @property
    def grid(self) -> str:
        """The grid the case belongs to.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].grid
        'g-1'
        """
        return self._opened.grid

    @property
    def category(self) -> CaseCategory:
        """Appeal, complaint or suggestion, dispute or hazard.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].category.label_zh
        '矛盾纠纷'
        """
        return self._opened.category

    @property
    def channel(self) -> CaseChannel:
        """How the case came in.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].channel.label_zh
        '当面求助'
        """
        return self._opened.channel

    @property
    def summary(self) -> str:
        """What the resident brought, in their words.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].summary
        '楼上住户漏水，协商未果'
        """
        return self._opened.summary

    @property
    def home_agency(self) -> str | None:
        """The agency that takes the case at an agency level unless another is named.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].home_agency
        'agency-centre'
        """
        return self._opened.home_agency

    @property
    def policy(self) -> EscalationPolicy:
        """The policy the case runs under (part of its first event).

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].policy.name
        '康巴什矛盾纠纷联排联化'
        """
        return self._opened.policy

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar its clocks count on.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].calendar
        <ChinaCalendar 2004-2026, valid 2003-12-25 to 2026-12-24>
        """
        return self._calendar

    @property
    def opened_at(self) -> dt.datetime:
        """When the case was opened.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].opened_at.isoformat()
        '2024-09-26T10:00:00+08:00'
        """
        return self._opened.at

    # --- where it stands --------------------------------------------------------------------

    @property
    def status(self) -> CaseStatus:
        """Where the case stands at its level.

        >>> from wulian_core._case_example import example
        >>> example()[0].status
        <CaseStatus.AWAITING_ACCEPTANCE: 'awaiting_acceptance'>
        """
        return self._status

    @property
    def level(self) -> EscalationLevel:
        """The level that holds the case.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].level.label_zh
        '睦邻党群联络员'
        """
        return self._opened.policy.levels[self._level]

    @property
    def agency(self) -> str | None:
        """The agency holding the case at an agency level (the lead unit after 转办).

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> at_agency()[0].agency
        'agency-centre'
        """
        return self._agency

    @property
    def co_units(self) -> tuple[str, ...]:
        """The co-units (协办单位) of the last transfer at this level.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].co_units
        ()
        """
        return self._co_units

    @property
    def version(self) -> int:
        """How many events the case holds, for optimistic concurrency.

        >>> from wulian_core._case_example import example
        >>> example()[0].version
        1
        """
        return len(self._events)

    @property
    def events(self) -> tuple[CaseEvent, ...]:
        """The whole history, oldest first.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> [event.kind for event in example()[0].events]
        ['case.opened']
        """
        return tuple(self._events)

    @property
    def last_at(self) -> dt.datetime:
        """The instant of the last event; a command may not come before it.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].last_at.isoformat()
        '2024-09-26T10:00:00+08:00'
        """
        return self._last_at

    @property
    def accept_due(self) -> dt.datetime | None:
        """The 签收 deadline while the case awaits acceptance, else ``None``.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].accept_due.isoformat()
        '2024-09-28T00:00:00+08:00'
        """
        return self._accept_due if self._status is CaseStatus.AWAITING_ACCEPTANCE else None

    @property
    def resolve_due(self) -> dt.datetime | None:
        """The 办结 deadline while its clock runs, else ``None``.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> at_agency()[0].resolve_due.isoformat()
        '2024-10-13T00:00:00+08:00'
        """
        if self._status is CaseStatus.AWAITING_ACCEPTANCE or self._status is CaseStatus.IN_HAND:
            return self._resolve_due
        return None

    @property
    def deadlines(self) -> tuple[CaseDeadline, ...]:
        """The running clocks, each with its current deadline (after any extension).

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> [deadline.clock.value for deadline in example()[0].deadlines]
        ['accept', 'resolve']
        """
        flags = self._flags
        found = []
        if (due := self.accept_due) is not None:
            found.append(
                CaseDeadline(
                    clock=CaseClock.ACCEPT,
                    due=due,
                    warned=bool(flags & ACCEPT_WARNED),
                    missed=bool(flags & ACCEPT_MISSED),
                )
            )
        if (due := self.resolve_due) is not None:
            found.append(
                CaseDeadline(
                    clock=CaseClock.RESOLVE,
                    due=due,
                    warned=bool(flags & RESOLVE_WARNED),
                    missed=bool(flags & RESOLVE_MISSED),
                )
            )
        return tuple(found)

    @property
    def pending_extension(self) -> ExtensionRequested | None:
        """The extension request awaiting a supervisor, if any.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> at_agency()[0].pending_extension is None
        True
        """
        return self._pending

    @property
    def reopens(self) -> int:
        """How many times the case was reopened at its current level.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> resolved()[0].reopens
        0
        """
        return self._reopens

    @property
    def rating(self) -> Satisfaction | None:
        """The resident's rating of the current resolution, if rated.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> resolved()[0].rating is None
        True
        """
        return self._rating  # type: ignore[no-any-return]

    @property
    def result(self) -> CaseResult | None:
        """The result of the last resolution, if any.

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> resolved()[0].result.reply
        '已调解'
        """
        return None if self._resolution is None else self._resolution.result

    @property
    def supervised(self) -> bool:
        """Whether the case has been put under supervision (督办).

        >>> from wulian_core._case_example import at_agency, example, resolved
        >>> example()[0].supervised
        False
        """
        return bool(self._flags & SUPERVISED)

    # --- tracking ---------------------------------------------------------------------------

    def timeline(self) -> tuple[TimelineEntry, ...]:
        """The history as a tracking table (动态跟踪), in Chinese, times in Asia/Shanghai.

        >>> from wulian_core._case_example import at_agency
        >>> [entry.what for entry in at_agency()[0].timeline()][:4]
        ['受理登记', '上报', '签收', '上报']
        """
        return tracking.timeline(self)

    def to_records(self) -> list[dict[str, str]]:
        """The timeline as plain dicts, one a row, for ``pandas.DataFrame(...)``.

        >>> from wulian_core._case_example import at_agency
        >>> at_agency()[0].to_records()[0]["what"]
        '受理登记'
        """
        return [
            {
                "at": entry.at.isoformat(),
                "kind": entry.kind,
                "what": entry.what,
                "by": entry.by,
                "level": entry.level,
                "detail": entry.detail,
            }
            for entry in self.timeline()
        ]

    def time_at_levels(
        self, *, until: dt.datetime | None = None
    ) -> tuple[tuple[str, dt.timedelta], ...]:
        """Time the case spent open at each level, in the policy's order (zero if never there).

        A stay runs from arrival until the case moves on, is resolved, parked, withdrawn or
        closed; reopening starts a new stay. An open stay runs to ``until`` (default: the
        last event).

        >>> from wulian_core._case_example import example
        >>> case, who, at = example()
        >>> _ = case.escalate(reason="调解未果", by=who.liaison, at=at + dt.timedelta(hours=2))
        >>> spent = case.time_at_levels(until=at + dt.timedelta(hours=5))
        >>> [(level, str(time)) for level, time in spent][:2]
        [('liaison', '2:00:00'), ('grid', '3:00:00')]
        """
        return tracking.time_at_levels(self, until)

    # --- comparison and display -------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _COMPARED)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Case {self.id} at level {self.level.id}, {self._status.value}, version {self.version}>"

    def _repr_html_(self) -> str:
        from ._case_html import case_html

        return case_html(self)
