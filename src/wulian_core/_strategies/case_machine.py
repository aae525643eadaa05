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
- every working-day deadline falls at the end of a working day on the case's calendar;
  warnings come before their deadline, missed deadlines at or after it.

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
from wulian_core._escalation.guard import handles
from wulian_core._escalation.views import _COMPARED
from wulian_core.calendar import SHANGHAI, TimeLimit, TimeUnit
from wulian_core.codec import from_json, to_json
from wulian_core.errors import WulianError
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseEvent,
    CaseResult,
    DeadlineMissed,
    DeadlineWarned,
    EscalationLevel,
    EscalationPolicy,
    Satisfaction,
    sweep,
)
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

__all__ = ["CaseMachine"]

# Hypothesis takes naive bounds and attaches the zone; the calendar knows 2004 to 2026.
_FIRST, _LAST = dt.datetime(2024, 1, 1), dt.datetime(2025, 12, 31)  # noqa: DTZ001
_HOME = RegionCode("150603001001")
_OTHER = RegionCode("150603001002")
_GRID, _OTHER_GRID = "g-1", "g-2"


def _actor(person: str, *grants: tuple[Role, Scope]) -> Actor:
    return Actor(person, {Grant(role, scope) for role, scope in grants})


_RESIDENT = Actor("p-resident")
_ACTORS = (
    _RESIDENT,
    Actor("p-stranger"),
    _actor("p-liaison", (Role.LIAISON, Scope.grid(_GRID))),
    _actor("p-grid-leader", (Role.GRID_LEADER, Scope.grid(_GRID))),
    _actor("p-grid", (Role.FULL_TIME_GRID_WORKER, Scope.grid(_GRID))),
    _actor("p-police", (Role.INDUSTRY_GRID_WORKER, Scope.grid(_GRID))),
    _actor("p-part-time", (Role.PART_TIME_GRID_WORKER, Scope.grid(_GRID))),
    _actor("p-secretary", (Role.COMMUNITY_SECRETARY, Scope.region(_HOME))),
    _actor("p-community-worker", (Role.COMMUNITY_WORKER, Scope.region(_HOME))),
    _actor("p-centre", (Role.AGENCY_STAFF, Scope.agency("agency-centre"))),
    _actor("p-unit-1", (Role.AGENCY_STAFF, Scope.agency("agency-1"))),
    _actor("p-unit-2", (Role.AGENCY_STAFF, Scope.agency("agency-2"))),
    _actor("p-supervisor", (Role.SUPERVISOR, Scope.region(RegionCode("150603")))),
    _actor("p-centre-supervisor", (Role.SUPERVISOR, Scope.agency("agency-centre"))),
    # Right roles, wrong places.
    _actor("p-other-liaison", (Role.LIAISON, Scope.grid(_OTHER_GRID))),
    _actor("p-other-grid", (Role.FULL_TIME_GRID_WORKER, Scope.grid(_OTHER_GRID))),
    _actor("p-other-secretary", (Role.COMMUNITY_SECRETARY, Scope.region(_OTHER))),
    _actor("p-other-agency", (Role.AGENCY_STAFF, Scope.agency("agency-9"))),
    _actor("p-other-supervisor", (Role.SUPERVISOR, Scope.region(RegionCode("150602")))),
)
# An index into _ACTORS, or one of three picks that mean "whoever rightly acts now": the
# level's handler, a supervisor or the resident. Random actors are mostly refused; the
# right ones take the case deep into the chain.
_HANDLER, _SUPERVISOR, _THE_RESIDENT = -1, -2, -3
_ACTOR = st.one_of(
    st.sampled_from([_HANDLER, _SUPERVISOR, _THE_RESIDENT]), st.integers(0, len(_ACTORS) - 1)
)
_TEXT = st.sampled_from(["调解未果", "属职能部门职责", "已联系当事人", "", "   "])
_AGENCY = st.sampled_from([None, None, "agency-centre", "agency-1", "agency-2", "agency-9"])
_RESULT = st.builds(
    lambda contacted, solved, true: CaseResult(
        complaint_true=true,
        resident_contacted=contacted,
        solved=solved,
        reply="已答复居民",
        unsolved_reason=None if solved else "需协调产权单位",
    ),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, True, False]),
)


_COMMANDS = (
    "accept",
    "send_back",
    "resolve",
    "escalate",
    "transfer",
    "give_feedback",
    "urge",
    "supervise",
    "request_extension",
    "approve_extension",
    "reject_extension",
    "rate",
    "reopen",
    "withdraw",
    "park",
    "close",
)
_RIGHT = {
    **dict.fromkeys(_COMMANDS, _HANDLER),
    **dict.fromkeys(
        ("urge", "supervise", "approve_extension", "reject_extension", "reopen"), _SUPERVISOR
    ),
    **dict.fromkeys(("rate", "withdraw"), _THE_RESIDENT),
}
_FITTING = {
    "awaiting_acceptance": (
        "accept",
        "accept",
        "accept",
        "escalate",
        "send_back",
        "give_feedback",
        "urge",
        "withdraw",
    ),
    "in_hand": (
        "resolve",
        "resolve",
        "escalate",
        "transfer",
        "transfer",
        "request_extension",
        "request_extension",
        "approve_extension",
        "approve_extension",
        "reject_extension",
        "supervise",
        "park",
    ),
    "resolved": ("rate", "rate", "reopen", "reopen", "close", "give_feedback"),
    "parked": ("close", "urge", "supervise", "withdraw"),
    "closed": _COMMANDS,
    "withdrawn": _COMMANDS,
}


def _policies() -> st.SearchStrategy[EscalationPolicy]:
    seven, kangbashi = EscalationPolicy.four_levels_seven_days(), EscalationPolicy.kangbashi()

    def vary(
        base: EscalationPolicy, auto: bool, reopens: int, warn: TimeLimit, hours: bool
    ) -> EscalationPolicy:
        levels = base.levels
        if hours:  # a liaison level that counts wall-clock hours to accept
            first = levels[0]
            levels = (
                EscalationLevel(
                    id=first.id,
                    label_zh=first.label_zh,
                    role=first.role,
                    accept=TimeLimit.hours(4),
                    resolve=first.resolve,
                    escalates_to=first.escalates_to,
                ),
                *levels[1:],
            )
        return EscalationPolicy(
            name=base.name,
            levels=levels,
            intakes=base.intakes,
            warn_before=warn,
            auto_escalate=auto,
            reopens_to_escalate=reopens,
        )

    return st.builds(
        vary,
        st.sampled_from([seven, kangbashi]),
        st.booleans(),
        st.integers(1, 3),
        st.sampled_from([TimeLimit.working_days(1), TimeLimit.hours(4), TimeLimit.natural_days(1)]),
        st.booleans(),
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
            ahead = self.case._copy()
            fire(ahead, max(self.now, self.case.last_at))
            return next((a for a in _ACTORS if handles(ahead, a)), _ACTORS[1])
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
            return found
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
        self._try(
            getattr(self.case, command), by=pick, **self._arguments(command, data, fitting < 7)
        )

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
