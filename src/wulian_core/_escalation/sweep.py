"""The sweep an app runs every few minutes, and the figures of a period (按期办结率, 满意率...).

:func:`sweep` lets the clocks of many cases run up to ``now``; :func:`stats` reads the
histories of many cases over a period. Both are plain functions over cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from attrs import field

from wulian_core._checks import arg_aware, aware_datetime
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.calendar import WorkCalendar
from wulian_core.errors import InvalidValue, WulianError
from wulian_core.people import Actor

from .clock import alarm, fire
from .events import (
    CaseEscalated,
    CaseEvent,
    CaseOpened,
    CaseRated,
    CaseReopened,
    CaseResolved,
    CaseReturned,
    CaseTransferred,
    DeadlineMissed,
    DeadlineReplanned,
    FeedbackGiven,
    UnitReported,
)
from .flags import ACCEPT_MISSED, UNKNOWN
from .state import CaseState
from .steps import apply, scratch_copy
from .values import CaseClock, CaseStatus

__all__ = ["CaseStats", "SweepFailure", "SweepResult", "UnitStats", "replan", "stats", "sweep"]


@frozen
class SweepFailure:
    """A case a sweep (or a replan) could not move on, and why; the case kept its state.

    >>> import datetime as dt
    >>> from wulian_core.errors import CalendarCoverageError
    >>> failure = SweepFailure("case-9", CalendarCoverageError(dt.date(2061, 1, 4), "no data"))
    >>> failure.case, str(failure.error)
    ('case-9', '2061-01-04 is outside the calendar: no data')
    """

    case: str
    error: WulianError = field(eq=False)


class SweepResult(tuple[CaseEvent, ...]):
    """What a sweep recorded, oldest first, and the cases it could not sweep (``failures``).

    A sweep is a scheduled job over every open case: one case that cannot be swept (a
    deadline past what its calendar knows, a history that does not hang together) must
    not stop the others, nor hide the events they were given. So each case is swept on
    its own, and the failures come back with the events rather than as an exception the
    job would have to unpick; :meth:`raise_failures` turns them into one
    :class:`ExceptionGroup` for a caller that wants to stop. Otherwise a plain tuple of
    events.

    >>> result = SweepResult((), [])
    >>> result, result.failures
    ((), ())
    """

    failures: tuple[SweepFailure, ...]

    def __new__(
        cls, events: Iterable[CaseEvent], failures: Iterable[SweepFailure] = ()
    ) -> SweepResult:
        result = super().__new__(cls, events)
        result.failures = tuple(failures)
        return result

    def raise_failures(self) -> None:
        """Raise the failures as one ``ExceptionGroup`` of wulian errors; nothing if none.

        >>> SweepResult(()).raise_failures() is None
        True
        """
        if self.failures:
            raise ExceptionGroup(
                f"{len(self.failures)} case(s) could not be swept: "
                + ", ".join(f.case for f in self.failures),
                [f.error for f in self.failures],
            )


def sweep(cases: Iterable[CaseState], *, now: dt.datetime) -> SweepResult:
    """Let every case's clocks run to ``now``: warn, mark overdue, escalate; return the events.

    Warnings come ``warn_before`` ahead of a deadline (none for a deadline already past
    by ``now``); a missed deadline is marked (:class:`DeadlineMissed`) and, where the
    policy says so, the case goes up a level, or is put under supervision (督办) at the
    top. The clocks act as :data:`SWEEP_ACTOR`.

    Idempotent: a second sweep at the same instant records nothing. After downtime it
    catches up: every level missed fires in order, each at the instant its deadline
    passed. Each case on its own: a case that cannot be swept (say, an escalation needs
    a date its calendar does not know) keeps its state and is listed in the result's
    ``failures``; the others get their events. Commands also let the clocks catch up
    before they act, so a sweep is never needed for correctness, only for timeliness.

    >>> import datetime as dt
    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
    >>> [(type(e).__name__, e.at.isoformat()) for e in sweep([case], now=at + dt.timedelta(days=3))]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('DeadlineMissed', '2024-09-28T00:00:00+08:00'),
     ('DeadlineMissed', '2024-09-28T00:00:00+08:00'),
     ('CaseEscalated', '2024-09-28T00:00:00+08:00'),
     ('DeadlineWarned', '2024-09-29T00:00:00+08:00')]
    >>> again = sweep([case], now=at + dt.timedelta(days=3))
    >>> again, again.failures
    ((), ())
    """
    now = arg_aware(now, "sweep.now")
    cases = _iterable(cases, "sweep.cases")
    recorded: list[CaseEvent] = []
    failures: list[SweepFailure] = []
    seen: set[int] = set()
    unknown = UNKNOWN
    for case in cases:
        try:
            due = case._alarm
        except AttributeError:
            raise InvalidValue("sweep.cases", case, "must hold Cases") from None
        if id(case) in seen:
            continue
        seen.add(id(case))
        try:
            if due is unknown:
                due = alarm(case)
            if due is None or due > now:
                continue
            scratch = scratch_copy(case)  # plan on a copy: a case that fails keeps its state
            events = fire(scratch, now)
        except WulianError as error:
            failures.append(SweepFailure(case._opened.case, error))
            continue
        for event in events:
            apply(event, case)
        recorded += events
    return SweepResult(recorded, failures)


def replan(
    cases: Iterable[CaseState], *, calendar: WorkCalendar, by: Actor, at: dt.datetime
) -> SweepResult:
    """:meth:`Case.replan` over many cases: each on its own, failures listed as a sweep lists them.

    >>> from wulian_core.calendar import ChinaCalendar, YearNotice
    >>> from wulian_core.examples import case_across_the_notice
    >>> late, who, at = case_across_the_notice()
    >>> firm = ChinaCalendar.official(beyond="statutory").extended(YearNotice.statutory(2027))
    >>> result = replan([late], calendar=firm, by=who.supervisor, at=at)
    >>> [(e.case, e.clock.value) for e in result], result.failures
    ([('case-2', 'accept'), ('case-2', 'resolve')], ())
    """
    cases = _iterable(cases, "replan.cases")
    recorded: list[CaseEvent] = []
    failures: list[SweepFailure] = []
    for case in cases:
        if not hasattr(case, "replan"):
            raise InvalidValue("replan.cases", case, "must hold Cases")
        try:
            recorded += case.replan(calendar, by=by, at=at)
        except WulianError as error:
            failures.append(SweepFailure(case._opened.case, error))
    return SweepResult(recorded, failures)


def _iterable(cases: object, name: str) -> Iterable[CaseState]:
    if isinstance(cases, str | bytes) or not isinstance(cases, Iterable):
        raise InvalidValue(name, cases, "must be an iterable of Cases")
    return cases


def _share(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


@frozen(kw_only=True, field_transformer=typed)
class UnitStats:
    """One unit's figures after 转办 in a period: parts given, reported back, on time.

    The lead's part is reported when it resolves the case; a co-unit's when it reports
    back (回单). 回复率 is reported over assigned; 按期率 on time over reported.

    >>> figures = UnitStats(unit="agency-2", assigned=4, reported=3, on_time=2)
    >>> figures.reply_rate, figures.on_time_rate
    (Fraction(3, 4), Fraction(2, 3))
    """

    unit: str
    assigned: int
    reported: int
    on_time: int

    @property
    def reply_rate(self) -> Fraction | None:
        """回复率: parts reported back over parts given to the unit."""
        return _share(self.reported, self.assigned)

    @property
    def on_time_rate(self) -> Fraction | None:
        """Parts reported before their deadline over parts reported."""
        return _share(self.on_time, self.reported)


@frozen(kw_only=True, field_transformer=typed)
class CaseStats:
    """The figures of a period ``[start, end)`` over many cases, as 12345 league tables show them.

    Shares are exact fractions, ``None`` when there is nothing to measure. A resolution,
    rating or reopening counts in the period it happened in.

    - ``resolved_at``: resolutions (办结) by the level that resolved them;
    - ``on_time``: resolutions before the 办结 deadline (按期办结率 = on_time / resolved);
    - ``overdue_not_accepted``: 签收 deadlines that ran out in the period (超期未接收);
    - ``redone``: reopenings (重新办理数);
    - ``satisfied`` of ``rated``: 满意 and 基本满意 (满意率);
    - ``replied``: resolutions whose resident was contacted or had feedback (回复率);
    - ``provisional``: deadlines set in the period that counted days the calendar knew only
      by law (暂定), and ``replanned``: deadlines moved once the year's notice was added;
    - ``units``: each unit's part after 转办 (:class:`UnitStats`), by unit id.

    >>> from wulian_core.examples import case_resolved
    >>> case, who, at = case_resolved()
    >>> figures = stats([case], between=(at, at + dt.timedelta(days=1)))
    >>> figures.share_resolved_at("liaison"), figures.on_time_rate, figures.satisfaction_rate
    (Fraction(1, 1), Fraction(1, 1), None)
    """

    start: dt.datetime = field(validator=aware_datetime)
    end: dt.datetime = field(validator=aware_datetime)
    opened: int
    resolved: int
    resolved_at: tuple[tuple[str, int], ...]
    on_time: int
    overdue_not_accepted: int
    redone: int
    rated: int
    satisfied: int
    replied: int
    provisional: int = 0
    replanned: int = 0
    units: tuple[UnitStats, ...] = ()

    def unit(self, unit: str) -> UnitStats | None:
        """The figures of one unit, or ``None`` if it had no part in the period.

        >>> import datetime as dt
        >>> from wulian_core.examples import case_transferred
        >>> case, who, at = case_transferred()
        >>> stats([case], between=(at, at + dt.timedelta(days=30))).unit("agency-2").assigned
        1
        """
        return next((figures for figures in self.units if figures.unit == unit), None)

    def share_resolved_at(self, level: str) -> Fraction | None:
        """The share of the period's resolutions made at ``level``.

        >>> CaseStats(start=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), end=dt.datetime(2024, 2, 1,
        ...     tzinfo=dt.UTC), opened=20, resolved=20, resolved_at=(("grid", 17), ("community", 3)),
        ...     on_time=19, overdue_not_accepted=1, redone=0, rated=10, satisfied=9,
        ...     replied=20).share_resolved_at("grid")
        Fraction(17, 20)
        """
        count = dict(self.resolved_at).get(level, 0)
        return _share(count, self.resolved)

    @property
    def on_time_rate(self) -> Fraction | None:
        """按期办结率: on-time resolutions over all resolutions in the period."""
        return _share(self.on_time, self.resolved)

    @property
    def satisfaction_rate(self) -> Fraction | None:
        """满意率: 满意 and 基本满意 over all ratings in the period."""
        return _share(self.satisfied, self.rated)

    @property
    def reply_rate(self) -> Fraction | None:
        """回复率: resolutions whose resident got a reply, over all resolutions."""
        return _share(self.replied, self.resolved)


def stats(cases: Iterable[CaseState], *, between: tuple[dt.datetime, dt.datetime]) -> CaseStats:
    """The figures of the period ``between = (start, end)`` (end excluded) over ``cases``.

    A 签收 deadline that ran out in the period counts as 超期未接收 whether or not a
    sweep has marked it yet.

    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
    >>> stats([case], between=(at, at + dt.timedelta(days=7))).overdue_not_accepted
    1
    """
    if not isinstance(between, tuple) or len(between) != 2:
        raise InvalidValue("stats.between", between, "must be a (start, end) pair of datetimes")
    start = arg_aware(between[0], "stats.between[0]")
    end = arg_aware(between[1], "stats.between[1]")
    if end < start:
        raise InvalidValue("stats.between[1]", end, "must not be before the start")
    cases = _iterable(cases, "stats.cases")
    by_level: dict[str, int] = {}
    by_unit: dict[str, list[int]] = {}
    counts = dict.fromkeys(
        (
            "opened",
            "resolved",
            "on_time",
            "overdue",
            "redone",
            "rated",
            "satisfied",
            "replied",
            "provisional",
            "replanned",
        ),
        0,
    )
    for case in cases:
        if not isinstance(case, CaseState):
            raise InvalidValue("stats.cases", case, "must hold Cases")
        _count(case, start, end, counts, by_level)
        _count_units(case, start, end, by_unit)
    return CaseStats(
        start=start,
        end=end,
        opened=counts["opened"],
        resolved=counts["resolved"],
        resolved_at=tuple(by_level.items()),
        on_time=counts["on_time"],
        overdue_not_accepted=counts["overdue"],
        redone=counts["redone"],
        rated=counts["rated"],
        satisfied=counts["satisfied"],
        replied=counts["replied"],
        provisional=counts["provisional"],
        replanned=counts["replanned"],
        units=tuple(
            UnitStats(unit=unit, assigned=n[0], reported=n[1], on_time=n[2])
            for unit, n in sorted(by_unit.items())
        ),
    )


def _count_units(
    case: CaseState, start: dt.datetime, end: dt.datetime, by_unit: dict[str, list[int]]
) -> None:
    """Each unit's parts given, reported and on time in the period; the lead's by resolving."""
    lead: str | None = None
    event: Any
    for event in case._events:
        kind = type(event)
        inside = start <= event.at < end
        if kind is CaseTransferred:
            lead = event.agency
            if inside:
                for unit in (event.agency, *event.co_units):
                    by_unit.setdefault(unit, [0, 0, 0])[0] += 1
        elif kind is UnitReported and inside:
            figures = by_unit.setdefault(event.unit, [0, 0, 0])
            figures[1] += 1
            figures[2] += event.on_time
        elif kind is CaseResolved and lead is not None:
            if inside:
                figures = by_unit.setdefault(lead, [0, 0, 0])
                figures[1] += 1
                figures[2] += event.on_time
            lead = None
        elif kind in (CaseEscalated, CaseReturned, CaseReopened):
            lead = None


def _count(
    case: CaseState,
    start: dt.datetime,
    end: dt.datetime,
    counts: dict[str, int],
    by_level: dict[str, int],
) -> None:
    for level in case._opened.policy.levels:
        by_level.setdefault(level.id, 0)
    fed_back = False
    for event in case._events:
        if isinstance(event, FeedbackGiven):
            fed_back = True
        if not start <= event.at < end:
            continue
        if isinstance(event, CaseOpened):
            counts["opened"] += 1
        elif isinstance(event, CaseResolved):
            counts["resolved"] += 1
            by_level[event.level] = by_level.get(event.level, 0) + 1
            counts["on_time"] += event.on_time
            counts["replied"] += fed_back or event.result.resident_contacted
        elif isinstance(event, DeadlineMissed):
            counts["overdue"] += event.clock is CaseClock.ACCEPT
        elif isinstance(event, CaseReopened):
            counts["redone"] += 1
        elif isinstance(event, CaseRated):
            counts["rated"] += 1
            counts["satisfied"] += event.rating.counts_as_satisfied
        elif type(event) is DeadlineReplanned:
            counts["replanned"] += 1
            counts["provisional"] += event.provisional
            continue
        counts["provisional"] += getattr(event, "accept_provisional", False) + getattr(
            event, "resolve_provisional", False
        )
    due: Any = case._accept_due
    unmarked = case._status is CaseStatus.AWAITING_ACCEPTANCE and not case._flags & ACCEPT_MISSED
    if unmarked and due is not None and start <= due < end and due >= case._last_at:
        counts["overdue"] += 1
