"""Each unit's part of a transferred case (转办): its 签收 and 办结 clocks, its report.

After 转办 the dispatch centre keeps the case; the lead unit holds the case's own clocks,
and each co-unit (协办单位) has a :class:`UnitPart`: accepted by a deadline counted from
the transfer, reported back by a deadline counted from its acceptance, or excused by the
centre with a written reason. The state keeps the parts as a tuple, replaced on each
change, so that a scratch copy of a case never shares them.

The functions below are the folds of the unit events, called from ``state.APPLY``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.errors import IntegrityError

from .fields import optional_aware
from .values import CaseClock

__all__ = ["UnitPart"]


@frozen(kw_only=True, field_transformer=typed)
class UnitPart:
    """One unit's part of a transferred case: when it was due, accepted, reported.

    ``lead`` marks the lead unit (牵头单位), whose part is the case's own clocks:
    accepted with ``Case.accept`` and done when it resolves the case; co-units accept
    with ``Case.accept_part`` and report with ``Case.report_back``. ``excused`` is the
    centre's written reason for going on without the unit's report.

    >>> from wulian_core.examples import case_transferred
    >>> case, who, at = case_transferred()
    >>> [(part.unit, part.lead, part.accept_due.date().isoformat()) for part in case.unit_parts]
    [('agency-1', True, '2024-10-09'), ('agency-2', False, '2024-10-09')]
    """

    unit: str = field(validator=_checks.identifier)
    lead: bool = False
    assigned_at: dt.datetime = field(validator=_checks.aware_datetime)
    accept_due: dt.datetime = field(validator=_checks.aware_datetime)
    accept_provisional: bool = False
    accepted_at: dt.datetime | None = field(default=None, validator=optional_aware)
    report_due: dt.datetime | None = field(default=None, validator=optional_aware)
    report_provisional: bool = False
    reported_at: dt.datetime | None = field(default=None, validator=optional_aware)
    excused: str | None = None
    accept_warned: bool = False
    accept_missed: bool = False
    report_warned: bool = False
    report_missed: bool = False

    @property
    def done(self) -> bool:
        """Reported back, or excused by the centre."""
        return self.reported_at is not None or self.excused is not None

    @property
    def overdue(self) -> bool:
        """A deadline of the part ran out: marked by the sweep, or met late.

        >>> from wulian_core.examples import case_transferred
        >>> [part.overdue for part in case_transferred()[0].unit_parts]
        [False, False]
        """
        return (
            self.accept_missed
            or self.report_missed
            or self.accepted_on_time is False
            or self.reported_on_time is False
        )

    @property
    def accepted_on_time(self) -> bool | None:
        """Accepted before its 签收 deadline; ``None`` while not accepted."""
        return None if self.accepted_at is None else self.accepted_at < self.accept_due

    @property
    def reported_on_time(self) -> bool | None:
        """Reported before its 办结 deadline; ``None`` while not reported."""
        if self.reported_at is None or self.report_due is None:
            return None
        return self.reported_at < self.report_due


def part_of(case: Any, unit: str) -> UnitPart:
    for part in case._parts:
        if part.unit == unit:
            return part  # type: ignore[no-any-return]
    raise IntegrityError([f"unit {unit!r} has no part in case {case._opened.case}"])


def _change(case: Any, unit: str, **changes: Any) -> None:
    part_of(case, unit)
    case._parts = tuple(
        attrs.evolve(part, **changes) if part.unit == unit else part for part in case._parts
    )


def transferred(case: Any, event: Any) -> None:
    """The co-units of a transfer, each with its 签收 deadline."""
    case._parts = tuple(
        UnitPart(
            unit=unit,
            assigned_at=event.at,
            accept_due=event.unit_accept_due,
            accept_provisional=event.unit_accept_provisional,
        )
        for unit in event.co_units
    )


def accepted(case: Any, event: Any) -> None:
    part = part_of(case, event.unit)
    if part.accepted_at is not None or part.done:
        raise IntegrityError([f"unit {event.unit!r} accepted its part already"])
    _change(
        case,
        event.unit,
        accepted_at=event.at,
        report_due=event.report_due,
        report_provisional=event.report_provisional,
    )


def reported(case: Any, event: Any) -> None:
    part = part_of(case, event.unit)
    if part.accepted_at is None or part.done:
        raise IntegrityError([f"unit {event.unit!r} reports only once, after accepting"])
    _change(case, event.unit, reported_at=event.at)


def excused(case: Any, event: Any) -> None:
    if part_of(case, event.unit).done:
        raise IntegrityError([f"unit {event.unit!r} is done already"])
    _change(case, event.unit, excused=event.reason)


def clock_event(case: Any, event: Any) -> None:
    """A unit clock warned, ran out, or was replanned."""
    accept = event.clock is CaseClock.ACCEPT
    kind = event.kind
    if kind == "case.deadline_warned":
        _change(case, event.unit, **{"accept_warned" if accept else "report_warned": True})
    elif kind == "case.deadline_missed":
        _change(case, event.unit, **{"accept_missed" if accept else "report_missed": True})
    elif accept:
        _change(case, event.unit, accept_due=event.due, accept_provisional=event.provisional)
    else:
        _change(case, event.unit, report_due=event.due, report_provisional=event.provisional)
