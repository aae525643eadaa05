"""Small worked cases for the docstring examples: 悦和社区, grid g-1, in 2024.

Not part of the public API; the examples import it so that each stays one line long.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ._case import Case
from ._case_values import CaseCategory, CaseChannel, CaseResult
from ._escalation_policy import EscalationPolicy
from .calendar import SHANGHAI
from .people import Actor, Grant, Role, Scope
from .regions import RegionCode

YUEHE = RegionCode("150603001001")
KANGBASHI = RegionCode("150603")


class People(NamedTuple):
    """One actor for each part a person plays in a case."""

    resident: Actor
    liaison: Actor
    grid_worker: Actor
    secretary: Actor
    centre: Actor
    unit: Actor
    supervisor: Actor
    stranger: Actor


def people(grid: str = "g-1", community: RegionCode = YUEHE) -> People:
    """The resident p-resident and the people who handle and supervise the case."""
    return People(
        resident=Actor("p-resident"),
        liaison=Actor("p-liaison", {Grant(Role.LIAISON, Scope.grid(grid))}),
        grid_worker=Actor("p-grid", {Grant(Role.FULL_TIME_GRID_WORKER, Scope.grid(grid))}),
        secretary=Actor("p-secretary", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(community))}),
        centre=Actor("p-centre", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-centre"))}),
        unit=Actor("p-unit", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-1"))}),
        supervisor=Actor("p-supervisor", {Grant(Role.SUPERVISOR, Scope.region(KANGBASHI))}),
        stranger=Actor("p-stranger"),
    )


AT = dt.datetime(2024, 9, 26, 10, 0, tzinfo=SHANGHAI)  # a Thursday before National Day


def example(policy: EscalationPolicy | None = None) -> tuple[Case, People, dt.datetime]:
    """A dispute brought in person to the liaison on Thursday 2024-09-26 at 10:00."""
    who = people()
    case = Case.open(
        id="case-1",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.IN_PERSON,
        summary="楼上住户漏水，协商未果",
        policy=policy or EscalationPolicy.kangbashi(),
        by=who.resident,
        at=AT,
        home_agency="agency-centre",
    )
    return case, who, AT


def resolved() -> tuple[Case, People, dt.datetime]:
    """The example, accepted and resolved by the liaison at once."""
    case, who, at = example()
    case.accept(by=who.liaison, at=at)
    case.resolve(
        result=CaseResult(resident_contacted=True, solved=True, reply="已调解"),
        by=who.liaison,
        at=at,
    )
    return case, who, at


def at_agency() -> tuple[Case, People, dt.datetime]:
    """The example taken up to the agency centre, which accepts it on Monday 2024-09-30."""
    case, who, at = example()
    case.escalate(reason="调解未果", by=who.liaison, at=at)
    case.accept(by=who.grid_worker, at=at)
    case.escalate(reason="需社区协调", by=who.grid_worker, at=at)
    case.accept(by=who.secretary, at=at)
    case.escalate(reason="涉及多个部门", by=who.secretary, at=at)
    monday = dt.datetime(2024, 9, 30, 9, 0, tzinfo=SHANGHAI)
    case.accept(by=who.centre, at=monday)
    return case, who, monday
