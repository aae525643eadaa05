"""The world a :class:`~wulian_core.strategies.CaseMachine` plays in: actors, policies, commands.

The actors of one case and of others, the policies a case opens under (the presets,
varied), and which commands fit which state, with whoever rightly runs them.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from wulian_core.calendar import TimeLimit
from wulian_core.escalation import CaseResult, EscalationPolicy
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

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
    # The street office over the case's community, and another street's.
    _actor("p-street", (Role.STREET_STAFF, Scope.region(RegionCode("150603001")))),
    _actor("p-other-street", (Role.STREET_STAFF, Scope.region(RegionCode("150603002")))),
)
# An index into _ACTORS, or one of three picks that mean "whoever rightly acts now": the
# level's handler, a supervisor or the resident. Random actors are mostly refused; the
# right ones take the case deep into the chain.
_HANDLER, _SUPERVISOR, _THE_RESIDENT, _CO_UNIT, _CENTRE = -1, -2, -3, -4, -5
_ACTOR = st.one_of(
    st.sampled_from([_HANDLER, _SUPERVISOR, _THE_RESIDENT, _CO_UNIT, _CENTRE]),
    st.integers(0, len(_ACTORS) - 1),
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
    "accept_part",
    "report_back",
    "excuse_unit",
)
_RIGHT = {
    **dict.fromkeys(_COMMANDS, _HANDLER),
    **dict.fromkeys(
        ("urge", "supervise", "approve_extension", "reject_extension", "reopen"), _SUPERVISOR
    ),
    **dict.fromkeys(("rate", "withdraw"), _THE_RESIDENT),
    **dict.fromkeys(("accept_part", "report_back"), _CO_UNIT),
    "excuse_unit": _CENTRE,
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
        "accept_part",
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
        "accept_part",
        "report_back",
        "report_back",
        "excuse_unit",
    ),
    "resolved": ("rate", "rate", "reopen", "reopen", "close", "give_feedback"),
    "parked": ("close", "urge", "supervise", "withdraw"),
    "closed": _COMMANDS,
    "withdrawn": _COMMANDS,
}


def _policies() -> st.SearchStrategy[EscalationPolicy]:
    seven, kangbashi = EscalationPolicy.four_levels_seven_days(), EscalationPolicy.kangbashi()
    routed, five = EscalationPolicy.kangbashi_routes(), EscalationPolicy.five_levels()

    def vary(
        base: EscalationPolicy, auto: bool, reopens: int, warn: TimeLimit, hours: bool
    ) -> EscalationPolicy:
        levels = base.levels
        if hours:  # a liaison level that counts wall-clock hours to accept
            first = levels[0]
            levels = (
                attrs.evolve(first, accept=TimeLimit.hours(4)),
                *levels[1:],
            )
        return EscalationPolicy(
            name=base.name,
            levels=levels,
            intakes=base.intakes,
            routes=base.routes,
            warn_before=warn,
            auto_escalate=auto,
            reopens_to_escalate=reopens,
        )

    return st.builds(
        vary,
        st.sampled_from([seven, kangbashi, routed, five]),
        st.booleans(),
        st.integers(1, 3),
        st.sampled_from([TimeLimit.working_days(1), TimeLimit.hours(4), TimeLimit.natural_days(1)]),
        st.booleans(),
    )
