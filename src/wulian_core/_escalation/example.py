"""Small worked cases for examples: 悦和社区, grid g-1, in 2024.

Public through :mod:`wulian_core.examples`, which the docstring examples import, so
that each stays one line long.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from wulian_core.calendar import SHANGHAI, ChinaCalendar
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

from .case import Case
from .policy import EscalationPolicy
from .values import CaseCategory, CaseChannel, CaseResult

__all__ = [
    "CasePeople",
    "case_across_the_notice",
    "case_at_agency",
    "case_example",
    "case_people",
    "case_resolved",
    "case_transferred",
]

YUEHE = RegionCode("150603001001")
KANGBASHI = RegionCode("150603")


class CasePeople(NamedTuple):
    """One actor for each part a person plays in a case.

    >>> CasePeople._fields[:3]
    ('resident', 'liaison', 'grid_worker')
    """

    resident: Actor
    liaison: Actor
    grid_worker: Actor
    secretary: Actor
    centre: Actor
    unit: Actor
    supervisor: Actor
    stranger: Actor
    co_unit: Actor
    street: Actor


def case_people(grid: str = "g-1", community: RegionCode = YUEHE) -> CasePeople:
    """The resident p-resident and the people who handle and supervise the case.

    >>> case_people().secretary.grants  # doctest: +ELLIPSIS
    frozenset({Grant(role=<Role.COMMUNITY_SECRETARY: 'community_secretary'>, ...})
    """
    return CasePeople(
        resident=Actor("p-resident"),
        liaison=Actor("p-liaison", {Grant(Role.LIAISON, Scope.grid(grid))}),
        grid_worker=Actor("p-grid", {Grant(Role.FULL_TIME_GRID_WORKER, Scope.grid(grid))}),
        secretary=Actor("p-secretary", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(community))}),
        centre=Actor("p-centre", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-centre"))}),
        unit=Actor("p-unit", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-1"))}),
        supervisor=Actor("p-supervisor", {Grant(Role.SUPERVISOR, Scope.region(KANGBASHI))}),
        stranger=Actor("p-stranger"),
        co_unit=Actor("p-co-unit", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-2"))}),
        street=Actor(
            "p-street", {Grant(Role.STREET_STAFF, Scope.region(community.parent or community))}
        ),
    )


AT = dt.datetime(2024, 9, 26, 10, 0, tzinfo=SHANGHAI)  # a Thursday before National Day


def case_example(policy: EscalationPolicy | None = None) -> tuple[Case, CasePeople, dt.datetime]:
    """A dispute brought in person to the liaison on Thursday 2024-09-26 at 10:00.

    Returns the case, the people who play a part in it, and the instant it was opened.

    >>> case, who, at = case_example()
    >>> case.level.id, who.liaison.person, at.isoformat()
    ('liaison', 'p-liaison', '2024-09-26T10:00:00+08:00')
    """
    who = case_people()
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


def case_resolved() -> tuple[Case, CasePeople, dt.datetime]:
    """The example, accepted and resolved by the liaison at once.

    >>> case_resolved()[0].status.value
    'resolved'
    """
    case, who, at = case_example()
    case.accept(by=who.liaison, at=at)
    case.resolve(
        result=CaseResult(resident_contacted=True, solved=True, reply="已调解"),
        by=who.liaison,
        at=at,
    )
    return case, who, at


def case_at_agency() -> tuple[Case, CasePeople, dt.datetime]:
    """The example taken up to the agency centre, which accepts it on Monday 2024-09-30.

    >>> case, who, at = case_at_agency()
    >>> case.agency, at.date().isoformat()
    ('agency-centre', '2024-09-30')
    """
    case, who, at = case_example()
    case.escalate(reason="调解未果", by=who.liaison, at=at)
    case.accept(by=who.grid_worker, at=at)
    case.escalate(reason="需社区协调", by=who.grid_worker, at=at)
    case.accept(by=who.secretary, at=at)
    case.escalate(reason="涉及多个部门", by=who.secretary, at=at)
    monday = dt.datetime(2024, 9, 30, 9, 0, tzinfo=SHANGHAI)
    case.accept(by=who.centre, at=monday)
    return case, who, monday


def case_transferred() -> tuple[Case, CasePeople, dt.datetime]:
    """The case at the agency, transferred (转办) on Monday 2024-09-30 to agency-1, with agency-2.

    The centre (agency-centre) keeps it; agency-1 leads, agency-2 helps.

    >>> case, who, at = case_transferred()
    >>> case.owner, case.agency, case.co_units
    ('agency-centre', 'agency-1', ('agency-2',))
    """
    case, who, at = case_at_agency()
    case.transfer(lead="agency-1", co_units=["agency-2"], by=who.centre, at=at, note="牵头办理")
    return case, who, at


def case_across_the_notice() -> tuple[Case, CasePeople, dt.datetime]:
    """The dispute brought on Thursday 2026-12-24, the last day the bundled notices cover.

    Its one-working-day clocks run to the end of Friday 2026-12-25, a day the calendar
    knows only by law until the State Council's notice for 2027 is added: both deadlines
    are provisional (暂定).

    >>> case, who, at = case_across_the_notice()
    >>> case.accept_due.isoformat(), case.deadlines[0].provisional
    ('2026-12-26T00:00:00+08:00', True)
    """
    who = case_people()
    at = dt.datetime(2026, 12, 24, 10, 0, tzinfo=SHANGHAI)
    case = Case.open(
        id="case-2",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.IN_PERSON,
        summary="楼道堆物，邻里协商未果",
        policy=EscalationPolicy.kangbashi(),
        by=who.resident,
        at=at,
        home_agency="agency-centre",
        calendar=ChinaCalendar.official(beyond="statutory"),
    )
    return case, who, at
