"""``CaseMachine``: a Hypothesis state machine that drives an escalation case at random.

Shipped for users (through :mod:`wulian_core.strategies`) and run by our own CI. It opens
a case under one of several policies, then lets time pass, sweeps, and runs every command
with actors in and out of scope (the resident, a stranger, the liaison, grid team,
secretary, agency staff and supervisors of this case and of others) and with good and
bad values, checking after every step:

- ``version`` equals the number of events, and events never go back in time;
- replaying the history (also after a JSON round trip) gives the same case;
- a refused command changes nothing; a command that succeeds grows the history by the
  events it returns;
- closed and withdrawn are final: nothing changes afterwards, not even by a sweep;
- a sweep is idempotent, and no clock is left behind the last event;
- every working-day deadline falls at the end of a working day on the case's calendar,
  each unit's after 转办 too; warnings come before their deadline, missed deadlines at
  or after it;
- escalation follows the policy's routes: each arrival by 上报 is a level the policy
  permits for the case's channel and category from the level before;
- after 转办 the centre keeps the case, and a lead resolves only once every co-unit has
  reported back or been excused.

Requires the ``hypothesis`` extra. Use it as ``TestCases = CaseMachine.TestCase``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from wulian_core._escalation.clock import alarm, fire
from wulian_core._escalation.guard import handles, owns, unit_of
from wulian_core._escalation.steps import scratch_copy
from wulian_core._escalation.views import _COMPARED
from wulian_core.calendar import SHANGHAI, TimeLimit, TimeUnit
from wulian_core.codec import from_json, to_json
from wulian_core.errors import WulianError
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseEscalated,
    CaseEvent,
    CaseResolved,
    DeadlineMissed,
    DeadlineWarned,
    EscalationPolicy,
    Satisfaction,
    sweep,
)
from wulian_core.people import Actor

__all__ = ["CaseMachine"]

from .case_world import (
    _ACTOR,
    _ACTORS,
    _AGENCY,
    _CENTRE,
    _CO_UNIT,
    _COMMANDS,
    _FIRST,
    _FITTING,
    _GRID,
    _HANDLER,
    _HOME,
    _LAST,
    _RESIDENT,
    _RESULT,
    _RIGHT,
    _SUPERVISOR,
    _TEXT,
    _THE_RESIDENT,
    _policies,
)


def _fingerprint(case: Case) -> tuple[Any, ...]:
    events = case._events
    return (
        *(getattr(case, name) for name in _COMPARED if name != "_events"),
        len(events),
        events[-1],
    )


class CaseMachine(RuleBasedStateMachine):
    """Random commands against one case, with the invariants above after each step.

    >>> issubclass(CaseMachine.TestCase, __import__("unittest").TestCase)
    True
    """

    case: Case
    now: dt.datetime
    final_version: int | None

    @initialize(
        policy=_policies(),
        channel=st.sampled_from(list(CaseChannel)),
        category=st.sampled_from(list(CaseCategory)),
        opener=st.sampled_from(_ACTORS[:5]),
        climb=st.sampled_from([0, 0, 1, 2, 3, 3]),
        start=st.datetimes(min_value=_FIRST, max_value=_LAST, timezones=st.just(SHANGHAI)),
    )
    def open_case(
        self,
        policy: EscalationPolicy,
        channel: CaseChannel,
        category: CaseCategory,
        opener: Actor,
        climb: int,
        start: dt.datetime,
    ) -> None:
        self.final_version = None
        self.now = start
        try:
            self.case = Case.open(
                id="case-m",
                resident="p-resident",
                community=_HOME,
                grid=_GRID,
                category=category,
                channel=channel,
                summary="楼道堆物影响通行",
                policy=policy,
                by=opener,
                at=start,
                home_agency="agency-centre",
            )
        except WulianError:  # a stranger may not open it; the resident always may
            self.case = Case.open(
                id="case-m",
                resident="p-resident",
                community=_HOME,
                grid=_GRID,
                category=category,
                channel=channel,
                summary="楼道堆物影响通行",
                policy=policy,
                by=_RESIDENT,
                at=start,
                home_agency="agency-centre",
            )

        # Most stories that matter happen higher up: climb a few levels at once.
        for _ in range(climb):
            if self.case.level.escalates_to is None:
                break
            handler = self._actor(_HANDLER)
            self.case.accept(by=handler, at=start)
            self.case.escalate(reason="本级无法解决", by=handler, at=start)

    # --- time -------------------------------------------------------------------------------

    @rule(minutes=st.one_of(st.integers(0, 180), st.integers(0, 180), st.integers(0, 4 * 24 * 60)))
    def time_passes(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes)

    @rule()
    def sweep_now(self) -> None:
        before = self.case.version
        events = sweep([self.case], now=self.now)
        assert self.case.version == before + len(events)
        assert sweep([self.case], now=self.now) == ()
        if self.final_version is not None:
            assert events == ()

    # --- commands ---------------------------------------------------------------------------

    def _actor(self, pick: int) -> Actor:
        if pick == _HANDLER:
            # Whoever handles the case once its clocks have caught up with now.
            ahead = scratch_copy(self.case)
            fire(ahead, max(self.now, self.case.last_at))
            return next((a for a in _ACTORS if handles(ahead, a)), _ACTORS[1])
        if pick in (_CO_UNIT, _CENTRE):
            ahead = scratch_copy(self.case)
            fire(ahead, max(self.now, self.case.last_at))
            if pick == _CENTRE:
                return next((a for a in _ACTORS if owns(ahead, a)), _ACTORS[1])
            pending = [part.unit for part in ahead._parts if not part.done]
            return next((a for a in _ACTORS if unit_of(ahead, a) in pending), _ACTORS[1])
        if pick == _SUPERVISOR:
            return _ACTORS[12]
        if pick == _THE_RESIDENT:
            return _RESIDENT
        return _ACTORS[pick]

    def _arguments(self, command: str, data: st.DataObject, fitting: bool) -> dict[str, Any]:
        """The arguments of ``command``: sensible ones when ``fitting``, anything otherwise."""
        text = st.just("本级无法解决") if fitting else _TEXT
        draw = data.draw
        if command in (
            "send_back",
            "escalate",
            "supervise",
            "withdraw",
            "park",
            "reject_extension",
        ):
            found: dict[str, Any] = {"reason": draw(text)}
            if command == "escalate":
                found["agency"] = None if fitting else draw(_AGENCY)
                # Mostly a permitted level; now and then any level, which must be refused.
                wide = draw(st.integers(0, 3)) == 0
                found["to"] = draw(
                    st.sampled_from([None, *self._next_levels(fitting and not wide)])
                )
            return found
        if command == "report_back":
            return {"report": draw(text)}
        if command == "excuse_unit":
            waiting = [part.unit for part in self.case._parts if not part.done]
            units = waiting if fitting and waiting else [*waiting, "agency-9", "agency-1"]
            return {"unit": draw(st.sampled_from(units)), "reason": draw(text)}
        if command in ("give_feedback",):
            return {"message": draw(text)}
        if command == "urge":
            return {"note": draw(text)}
        if command == "resolve":
            return {"result": draw(_RESULT)}
        if command == "transfer":
            lead = draw(
                st.sampled_from(
                    ["agency-1", "agency-2"] if fitting else ["agency-1", "agency-centre", ""]
                )
            )
            units = draw(st.sampled_from([(), ("agency-2",), ("agency-1", "agency-2")]))
            return {
                "lead": lead,
                "co_units": tuple(u for u in units if u != lead) if fitting else units,
            }
        if command == "request_extension":
            days = draw(st.integers(1, 4) if fitting else st.integers(1, 12))
            hours = False if fitting else draw(st.booleans())
            extension = TimeLimit.hours(days) if hours else TimeLimit.working_days(days)
            return {"extension": extension, "reason": draw(text)}
        if command == "rate":
            return {"rating": draw(st.sampled_from(list(Satisfaction)))}
        if command == "reopen":
            return {"reason": draw(text), "agency": None if fitting else draw(_AGENCY)}
        return {}

    def _next_levels(self, fitting: bool) -> list[str]:
        """The levels the case may go up to (or, not fitting, any level at all)."""
        case = self.case
        if not fitting:
            return [level.id for level in case.policy.levels]
        return list(
            case.policy.next_levels(case.level.id, channel=case.channel, category=case.category)
        )

    @rule(data=st.data(), fitting=st.integers(0, 9))
    def act(self, data: st.DataObject, fitting: int) -> None:
        """One command: mostly one that fits the case's state, by whoever rightly acts."""
        status = self.case.status.value
        if fitting < 7:
            command = data.draw(st.sampled_from(_FITTING[status]))
            pick = _RIGHT[command]
        else:
            command = data.draw(st.sampled_from(_COMMANDS))
            pick = data.draw(_ACTOR)
        arguments = self._arguments(command, data, fitting < 7)
        version = self.case.version
        self._try(getattr(self.case, command), by=pick, **arguments)
        if command == "escalate" and arguments.get("to") and self.case.version > version:
            # The handler's own escalation is the last event: it went where it was sent.
            last = self.case._events[-1]
            assert type(last) is CaseEscalated
            assert last.level == arguments["to"]

    @rule(data=st.data(), fitting=st.integers(0, 9))
    def act_again(self, data: st.DataObject, fitting: int) -> None:
        """The same as :meth:`act`: commands are most of what happens to a case."""
        self.act(data, fitting)

    def _try(self, command: Callable[..., tuple[CaseEvent, ...]], **kwargs: Any) -> None:
        before = _fingerprint(self.case)
        version = self.case.version
        by = self._actor(kwargs.pop("by"))
        try:
            events = command(by=by, at=self.now, **kwargs)
        except WulianError:
            assert _fingerprint(self.case) == before, "a refused command changed the case"
            return
        assert self.final_version is None, "a finished case took a command"
        assert self.case.version == version + len(events)
        assert tuple(self.case._events[version:]) == events
        if self.case.status.is_final:
            self.final_version = self.case.version

    @rule()
    def a_command_from_the_past_is_refused(self) -> None:
        before = _fingerprint(self.case)
        earlier = self.case.last_at - dt.timedelta(seconds=1)
        try:
            self.case.urge(note="补录", by=_ACTORS[12], at=earlier)
        except WulianError:
            pass
        else:  # pragma: no cover - the failure this rule exists to catch
            raise AssertionError("a command before the last event was accepted")
        assert _fingerprint(self.case) == before

    @rule()
    def the_history_survives_json(self) -> None:
        union: Any = CaseEvent
        decoded: list[CaseEvent] = [from_json(union, to_json(event)) for event in self.case._events]
        assert Case.replay(decoded, calendar=self.case.calendar) == self.case

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def version_counts_events_in_time_order(self) -> None:
        events = self.case._events
        assert self.case.version == len(events)
        assert all(a.at <= b.at for a, b in itertools.pairwise(events))

    @invariant()
    def replay_equals_the_live_case(self) -> None:
        assert Case.replay(self.case.events, calendar=self.case.calendar) == self.case

    @invariant()
    def closed_and_withdrawn_are_final(self) -> None:
        if self.final_version is not None:
            assert self.case.status.is_final
            assert self.case.version == self.final_version

    @invariant()
    def no_clock_is_left_behind(self) -> None:
        due = alarm(self.case)
        assert due is None or due >= self.case.last_at

    @invariant()
    def deadlines_fall_on_working_days(self) -> None:
        calendar = self.case.calendar
        for event in self.case._events:
            if isinstance(event, DeadlineWarned):
                assert event.at < event.due
            elif isinstance(event, DeadlineMissed):
                assert event.at >= event.due
        level = self.case.level
        for deadline in self.case.deadlines:
            limit = level.accept if deadline.clock.value == "accept" else level.resolve
            if limit.unit is TimeUnit.WORKING_DAYS:
                local = deadline.due.astimezone(SHANGHAI)
                assert local.time() == dt.time(0)
                assert calendar.is_workday(local.date() - dt.timedelta(days=1))

    @invariant()
    def escalation_follows_the_routes(self) -> None:
        case = self.case
        policy = case.policy
        level = case._opened.level
        for event in case._events:
            if type(event) is CaseEscalated:
                allowed = policy.next_levels(level, channel=case.channel, category=case.category)
                assert event.level in allowed, (level, event.level, allowed)
            target = getattr(event, "level", None)
            if target is not None and type(event) is not CaseResolved:
                level = target

    @invariant()
    def the_centre_keeps_a_transferred_case(self) -> None:
        case = self.case
        if case.owner is not None:
            assert case.level.role.value == "agency_staff"
            parts = case.unit_parts
            assert [part.unit for part in parts] == [case.agency, *case.co_units]
        if case.status.value == "resolved" and case._parts:
            assert all(part.done for part in case._parts)
        calendar = case.calendar
        accept, report = case.level.unit_clocks
        for part in case._parts:
            for limit, due in ((accept, part.accept_due), (report, part.report_due)):
                if due is not None and limit.unit is TimeUnit.WORKING_DAYS:
                    local = due.astimezone(SHANGHAI)
                    assert local.time() == dt.time(0)
                    assert calendar.is_workday(local.date() - dt.timedelta(days=1))
