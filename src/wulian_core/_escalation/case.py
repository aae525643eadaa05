"""The :class:`Case` aggregate: a resident's case climbing liaison → grid → secretary → agency.

Commands are thin: each checks its frame (an :class:`~wulian_core.people.Actor`, an aware
``at`` not before the last event), lets the clocks catch up to ``at`` on a scratch copy,
asks a ``decide_*`` function for the events, and only then applies them all through the
one ``apply`` path. A refused command raises and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from wulian_core import _checks
from wulian_core.calendar import TimeLimit, WorkCalendar
from wulian_core.errors import IntegrityError, InvalidValue
from wulian_core.people import Actor
from wulian_core.regions import RegionCode

from . import decide, guard, replan, units
from .clock import alarm, fire
from .decide import work_calendar
from .events import CaseEvent, CaseOpened
from .policy import EscalationPolicy
from .replay import fold
from .state import CaseState
from .steps import apply, scratch_copy
from .values import CaseCategory, CaseChannel, CaseResult, Satisfaction
from .views import CaseViews

__all__ = ["Case"]


class Case(CaseViews):
    """A resident's case, changed only by its commands; its events are the record of truth.

    Every command takes the acting :class:`~wulian_core.people.Actor` (``by=``) and the
    instant (``at=``, timezone-aware, not before the case's last event), and returns the
    events it recorded: first whatever the clocks did up to ``at`` (warnings, missed
    deadlines and what the policy makes of them), then its own. A refused command
    raises :class:`~wulian_core.errors.PermissionDenied`,
    :class:`~wulian_core.errors.IllegalTransition`, :class:`~wulian_core.errors.InvalidValue`
    or :class:`~wulian_core.errors.CalendarCoverageError` and changes nothing.

    The case counts its clocks on the calendar it was opened (or replayed) with, the
    official Chinese calendar by default; the calendar is not part of its history,
    because the events carry every deadline already computed.

    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
    >>> [type(e).__name__ for e in case.accept(by=who.liaison, at=at)]
    ['CaseAccepted']
    >>> case.escalate(reason="楼上漏水，联络员协调未果", by=who.liaison, at=at)[0].level
    'grid'
    >>> case.accept(by=who.liaison, at=at)
    Traceback (most recent call last):
    ...
    wulian_core.errors.PermissionDenied: p-liaison may not accept: only the grid team of grid g-1 acts at level grid
    >>> case.version, case.status.label_zh
    (3, '待签收')

    What the case is, as it was opened:

    >>> case.id, case.resident, case.community, case.grid, case.home_agency
    ('case-1', 'p-resident', RegionCode('150603001001'), 'g-1', 'agency-centre')
    >>> case.category.label_zh, case.channel.label_zh, case.summary, case.policy.name
    ('矛盾纠纷', '当面求助', '楼上住户漏水，协商未果', '康巴什矛盾纠纷联排联化')
    >>> case.opened_at.isoformat()
    '2024-09-26T10:00:00+08:00'
    >>> case.calendar  # past the last notice it counts by law, provisionally
    <ChinaCalendar 2004-2026, valid 2003-12-25 to 2060-12-24, provisional from 2026-12-25>

    Where it stands, freshly opened, at an agency, and resolved:

    >>> from wulian_core.examples import case_at_agency, case_resolved
    >>> new = case_example()[0]
    >>> new.status, new.level.label_zh, new.co_units, new.version, new.supervised
    (<CaseStatus.AWAITING_ACCEPTANCE: 'awaiting_acceptance'>, '睦邻党群联络员', (), 1, False)
    >>> [event.kind for event in new.events], new.last_at.isoformat()
    (['case.opened'], '2024-09-26T10:00:00+08:00')
    >>> new.accept_due.isoformat(), [deadline.clock.value for deadline in new.deadlines]
    ('2024-09-28T00:00:00+08:00', ['accept', 'resolve'])
    >>> held = case_at_agency()[0]
    >>> held.agency, held.resolve_due.isoformat(), held.pending_extension is None
    ('agency-centre', '2024-10-13T00:00:00+08:00', True)
    >>> done = case_resolved()[0]
    >>> done.result.reply, done.rating is None, done.reopens
    ('已调解', True, 0)
    """

    __slots__ = ()

    @classmethod
    def open(
        cls,
        *,
        id: str,
        resident: str,
        community: RegionCode,
        grid: str,
        category: CaseCategory,
        channel: CaseChannel,
        summary: str,
        policy: EscalationPolicy,
        by: Actor,
        at: dt.datetime,
        home_agency: str | None = None,
        calendar: WorkCalendar | None = None,
    ) -> Case:
        """Open a case by or for ``resident``; it starts at the policy's level for ``channel``.

        Opened by the resident, or by anyone posted to the grid or over the community
        (a liaison at the door, a grid worker on patrol, a secretary, a supervisor taking a
        hotline call). ``home_agency`` is the specialist agency that takes the case if it
        climbs to an agency level without being given one.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> case.level.id, case.accept_due.isoformat(), case.resolve_due.isoformat()
        ('liaison', '2024-09-28T00:00:00+08:00', '2024-09-28T00:00:00+08:00')
        """
        calendar = work_calendar(calendar)
        opened = decide.decide_open(
            id=id,
            resident=resident,
            community=community,
            grid=grid,
            category=category,
            channel=channel,
            summary=summary,
            policy=policy,
            by=by,
            at=at,
            home_agency=home_agency,
            calendar=calendar,
        )
        case = object.__new__(cls)
        fold(case, (opened,), calendar)
        return case

    @classmethod
    def replay(cls, events: Iterable[CaseEvent], *, calendar: WorkCalendar | None = None) -> Case:
        """The case these events (its whole history, oldest first) describe.

        The events carry every deadline, so replay computes nothing; ``calendar`` only
        counts the clocks of commands to come. A history that does not hang together (not
        opened first, another case's event, out of time order) raises
        :class:`~wulian_core.errors.IntegrityError`.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> _ = case.accept(by=who.liaison, at=at)
        >>> Case.replay(case.events) == case
        True
        """
        # The history is kept as a tuple: a tuple given is kept as it is (events are
        # immutable), anything else is read into one at C speed; the first command after
        # replay turns it into a list.
        if type(events) is not tuple:
            try:
                events = tuple(events)
            except TypeError:
                raise InvalidValue(
                    "Case.replay.events", events, "must be an iterable of events"
                ) from None
        first = events[0] if events else None
        if type(first) is not CaseOpened:
            raise IntegrityError(
                [f"a case's history starts with CaseOpened, not {_checks.shown(first)}"]
            )
        case = object.__new__(cls)
        fold(case, events, calendar)
        return case

    # --- the commands -----------------------------------------------------------------------

    def _run(
        self, command: str, by: Actor, at: dt.datetime, step: Callable[..., list[Any]], *args: Any
    ) -> tuple[CaseEvent, ...]:
        guard.frame(self, command, by, at)
        timed: list[Any] = []
        target: CaseState = self
        due = alarm(self)
        if due is not None and due <= at:
            target = scratch_copy(self)
            timed = fire(target, at)
        events = step(target, by, at, *args)
        for event in (*timed, *events):
            apply(event, self)
        return (*timed, *events)

    def accept(self, *, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Accept the case at its level (签收/受理); the 办结 clock may start now.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> case.accept(by=who.liaison, at=at)[0].by, case.status.label_zh
        ('p-liaison', '办理中')
        """
        return self._run("accept", by, at, decide.decide_accept)

    def send_back(self, *, reason: str, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Send a wrongly sent case back (退回) to whoever sent it, before accepting it.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> _ = case.escalate(reason="需网格协调", by=who.liaison, at=at)
        >>> case.send_back(reason="属联络员调解范围", by=who.grid_worker, at=at)[0].level
        'liaison'
        """
        return self._run("send_back", by, at, decide.decide_send_back, reason)

    def resolve(self, *, result: CaseResult, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Resolve the case (办结) with a result; records whether it was on time.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> _ = case.accept(by=who.liaison, at=at)
        >>> done = CaseResult(resident_contacted=True, solved=True, reply="已调解")
        >>> case.resolve(result=done, by=who.liaison, at=at)[0].on_time
        True
        """
        return self._run("resolve", by, at, decide.decide_resolve, result)

    def escalate(
        self,
        *,
        reason: str,
        by: Actor,
        at: dt.datetime,
        agency: str | None = None,
        to: str | None = None,
    ) -> tuple[CaseEvent, ...]:
        """Send the case up (上报), with a reason: by the policy's route, or ``to`` an alternative.

        ``to`` names one of the levels the policy permits for the case's channel and
        category from here (:meth:`EscalationPolicy.next_levels`); without it the case
        takes the route's default. ``agency`` when the next level is an agency level.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> case.escalate(reason="调解未果", by=who.liaison, at=at)[0].level
        'grid'
        """
        return self._run("escalate", by, at, decide.decide_escalate, reason, agency, to)

    def transfer(
        self, *, lead: str, by: Actor, at: dt.datetime, co_units: Iterable[str] = (), note: str = ""
    ) -> tuple[CaseEvent, ...]:
        """Transfer the case (转办) from the agency to the lead unit, with co-units (协办).

        The transferring centre keeps the case (``owner``): it answers the resident,
        urges and closes; the lead works it on the case's clocks, each co-unit on its own
        (:meth:`accept_part`, :meth:`report_back`); the lead resolves once every co-unit
        has reported or the centre has excused it (:meth:`excuse_unit`).

        >>> from wulian_core.examples import case_at_agency
        >>> case, who, at = case_at_agency()
        >>> case.transfer(lead="agency-1", co_units=["agency-2"], by=who.centre, at=at)[0].agency
        'agency-1'
        """
        return self._run("transfer", by, at, units.decide_transfer, lead, co_units, note)

    def accept_part(self, *, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """A co-unit accepts its part of the transferred case (签收); its 办结 clock starts.

        >>> from wulian_core.examples import case_transferred
        >>> case, who, at = case_transferred()
        >>> case.accept_part(by=who.co_unit, at=at)[0].report_due.date().isoformat()
        '2024-10-13'
        """
        return self._run("accept_part", by, at, units.decide_accept_part)

    def report_back(self, *, report: str, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """A co-unit reports its part done (回单) to the lead and the centre; on time or not.

        >>> from wulian_core.examples import case_transferred
        >>> case, who, at = case_transferred()
        >>> _ = case.accept_part(by=who.co_unit, at=at)
        >>> case.report_back(report="已核查管线", by=who.co_unit, at=at)[0].on_time
        True
        """
        return self._run("report_back", by, at, units.decide_report_back, report)

    def excuse_unit(
        self, *, unit: str, reason: str, by: Actor, at: dt.datetime
    ) -> tuple[CaseEvent, ...]:
        """The centre goes on without a co-unit's report, with a written reason; its staff only.

        >>> from wulian_core.examples import case_transferred
        >>> case, who, at = case_transferred()
        >>> _ = case.excuse_unit(unit="agency-2", reason="协办事项已由牵头单位一并处理",
        ...                      by=who.centre, at=at)
        >>> [part.excused for part in case.unit_parts][1]
        '协办事项已由牵头单位一并处理'
        """
        return self._run("excuse_unit", by, at, units.decide_excuse_unit, unit, reason)

    def give_feedback(self, *, message: str, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Tell the resident how the case stands (反馈).

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> case.give_feedback(message="已联系物业", by=who.liaison, at=at)[0].message
        '已联系物业'
        """
        return self._run("give_feedback", by, at, decide.decide_feedback, message)

    def urge(self, *, note: str, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Urge the handler (催办); supervisors only.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> case.urge(note="请尽快签收", by=who.supervisor, at=at)[0].kind
        'case.urged'
        """
        return self._run("urge", by, at, decide.decide_urge, note)

    def supervise(self, *, reason: str, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Put the case under supervision (督办); supervisors only.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> _ = case.supervise(reason="群众反映强烈", by=who.supervisor, at=at)
        >>> case.supervised
        True
        """
        return self._run("supervise", by, at, decide.decide_supervise, reason)

    def request_extension(
        self, *, extension: TimeLimit, reason: str, by: Actor, at: dt.datetime
    ) -> tuple[CaseEvent, ...]:
        """Ask for more time (申请延期), before the 办结 deadline, within the level's limit.

        >>> from wulian_core.examples import case_at_agency
        >>> case, who, at = case_at_agency()
        >>> _ = case.request_extension(extension=TimeLimit.working_days(3), reason="需现场勘验",
        ...                            by=who.centre, at=at)
        >>> case.pending_extension.extension.label_zh
        '3个工作日'
        """
        return self._run(
            "request_extension", by, at, decide.decide_request_extension, extension, reason
        )

    def approve_extension(self, *, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Approve the pending extension: the 办结 deadline moves back by it. Supervisors only.

        >>> from wulian_core.examples import case_at_agency
        >>> case, who, at = case_at_agency()
        >>> before = case.resolve_due
        >>> _ = case.request_extension(extension=TimeLimit.working_days(3), reason="需现场勘验",
        ...                            by=who.centre, at=at)
        >>> _ = case.approve_extension(by=who.supervisor, at=at)
        >>> before.date().isoformat(), case.resolve_due.date().isoformat()
        ('2024-10-13', '2024-10-17')
        """
        return self._run("approve_extension", by, at, decide.decide_approve_extension)

    def reject_extension(self, *, reason: str, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Reject the pending extension (驳回延期): the original deadline stands.

        >>> from wulian_core.examples import case_at_agency
        >>> case, who, at = case_at_agency()
        >>> before = case.resolve_due
        >>> _ = case.request_extension(extension=TimeLimit.working_days(3), reason="需现场勘验",
        ...                            by=who.centre, at=at)
        >>> _ = case.reject_extension(reason="按原时限办理", by=who.supervisor, at=at)
        >>> case.resolve_due == before, case.pending_extension
        (True, None)
        """
        return self._run("reject_extension", by, at, decide.decide_reject_extension, reason)

    def rate(
        self, *, rating: Satisfaction, by: Actor, at: dt.datetime, comment: str = ""
    ) -> tuple[CaseEvent, ...]:
        """The resident rates the resolution (满意 / 基本满意 / 不满意), once per resolution.

        >>> from wulian_core.examples import case_resolved
        >>> case, who, at = case_resolved()
        >>> case.rate(rating=Satisfaction.SATISFIED, by=who.resident, at=at)[0].rating.label_zh
        '满意'
        """
        return self._run("rate", by, at, decide.decide_rate, rating, comment)

    def reopen(
        self, *, reason: str, by: Actor, at: dt.datetime, agency: str | None = None
    ) -> tuple[CaseEvent, ...]:
        """Send an unsatisfactorily resolved case back to be redone (重办); supervisors only.

        The policy's ``reopens_to_escalate``-th reopening at a level sends it up instead.

        >>> from wulian_core.examples import case_resolved
        >>> case, who, at = case_resolved()
        >>> _ = case.rate(rating=Satisfaction.UNSATISFIED, by=who.resident, at=at)
        >>> case.reopen(reason="漏水未根治，属实", by=who.supervisor, at=at)[0].level
        'liaison'
        """
        return self._run("reopen", by, at, decide.decide_reopen, reason, agency)

    def withdraw(self, *, reason: str, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """The resident withdraws the case (撤回). Final.

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> _ = case.withdraw(reason="已自行协商解决", by=who.resident, at=at)
        >>> case.status.is_final
        True
        """
        return self._run("withdraw", by, at, decide.decide_withdraw, reason)

    def park(self, *, reason: str, by: Actor, at: dt.datetime) -> tuple[CaseEvent, ...]:
        """Park the case (挂账) at the top level, with a written reason.

        >>> from wulian_core.examples import case_at_agency
        >>> case, who, at = case_at_agency()
        >>> _ = case.park(reason="涉及历史遗留产权问题，暂不具备解决条件", by=who.centre, at=at)
        >>> case.status.label_zh
        '挂账'
        """
        return self._run("park", by, at, decide.decide_park, reason)

    def close(self, *, by: Actor, at: dt.datetime, note: str = "") -> tuple[CaseEvent, ...]:
        """Close a resolved or parked case (结案): its handler or a supervisor. Final.

        >>> from wulian_core.examples import case_resolved
        >>> case, who, at = case_resolved()
        >>> _ = case.close(by=who.supervisor, at=at)
        >>> case.status.label_zh
        '已结案'
        """
        return self._run("close", by, at, decide.decide_close, note)

    def replan(
        self, calendar: WorkCalendar, *, by: Actor, at: dt.datetime
    ) -> tuple[CaseEvent, ...]:
        """Count the running deadlines again on ``calendar``, once a year's notice is added.

        A deadline that counted days the old calendar knew only by law (暂定) moves to
        where ``calendar`` puts it, counted from the instant its clock started, with any
        extension granted at this level; each move is a :class:`DeadlineReplanned` with
        the old and the new instant. The clocks first catch up to ``at`` on the old
        calendar: a deadline that ran out is history and stays. From then on the case
        counts on ``calendar``. Replanning on the same calendar records nothing.
        Supervisors only.

        >>> from wulian_core.calendar import ChinaCalendar, YearNotice
        >>> from wulian_core.examples import case_across_the_notice
        >>> case, who, at = case_across_the_notice()
        >>> [(d.clock.value, d.due.date().isoformat(), d.provisional) for d in case.deadlines]
        [('accept', '2026-12-26', True), ('resolve', '2026-12-26', True)]
        >>> notice = YearNotice.statutory(2027)  # stands in for the State Council's notice
        >>> firm = ChinaCalendar.official(beyond="statutory").extended(notice)
        >>> [e.provisional for e in case.replan(firm, by=who.supervisor, at=at)]
        [False, False]
        >>> case.replan(firm, by=who.supervisor, at=at)
        ()
        """
        events = self._run("replan", by, at, replan.decide_replan, calendar)
        self._calendar = calendar  # not part of the history: replay takes a calendar too
        return events
