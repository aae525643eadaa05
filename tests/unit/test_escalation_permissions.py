"""The permission matrix: every command against every role, in and out of scope.

Each row puts a case in a state where the command is legal for someone, then runs it
as every actor in the pool. Those the rules allow succeed; everyone else gets
``PermissionDenied`` and the case does not change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from wulian_core.calendar import SHANGHAI, ChinaCalendar, TimeLimit, YearNotice
from wulian_core.errors import PermissionDenied
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseResult,
    EscalationPolicy,
    Satisfaction,
)
from wulian_core.examples import case_across_the_notice
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

HOME = RegionCode("150603001001")
FIRM_2027 = ChinaCalendar.official(beyond="statutory").extended(YearNotice.statutory(2027))
T0 = dt.datetime(2024, 3, 4, 9, tzinfo=SHANGHAI)  # a Monday with no holiday near
SOLVED = CaseResult(resident_contacted=True, solved=True, reply="已解决")


def _actor(person: str, role: Role | None = None, scope: Scope | None = None) -> Actor:
    if role is None or scope is None:
        return Actor(person)
    return Actor(person, {Grant(role, scope)})


POOL = {
    "resident": _actor("p-resident"),
    "another_resident": _actor("p-neighbour"),
    "liaison": _actor("p-liaison", Role.LIAISON, Scope.grid("g-1")),
    "liaison_of_another_grid": _actor("p-liaison-2", Role.LIAISON, Scope.grid("g-2")),
    "grid_leader": _actor("p-leader", Role.GRID_LEADER, Scope.grid("g-1")),
    "full_time_grid_worker": _actor("p-full", Role.FULL_TIME_GRID_WORKER, Scope.grid("g-1")),
    "industry_grid_worker": _actor("p-police", Role.INDUSTRY_GRID_WORKER, Scope.grid("g-1")),
    "part_time_grid_worker": _actor("p-part", Role.PART_TIME_GRID_WORKER, Scope.grid("g-1")),
    "grid_worker_of_another_grid": _actor(
        "p-full-2", Role.FULL_TIME_GRID_WORKER, Scope.grid("g-2")
    ),
    "secretary": _actor("p-secretary", Role.COMMUNITY_SECRETARY, Scope.region(HOME)),
    "secretary_of_another_community": _actor(
        "p-secretary-2", Role.COMMUNITY_SECRETARY, Scope.region(RegionCode("150603001002"))
    ),
    "community_worker": _actor("p-worker", Role.COMMUNITY_WORKER, Scope.region(HOME)),
    "station_staff": _actor("p-station", Role.STATION_STAFF, Scope.station("station-1")),
    "centre_staff": _actor("p-centre", Role.AGENCY_STAFF, Scope.agency("agency-centre")),
    "unit_staff": _actor("p-unit", Role.AGENCY_STAFF, Scope.agency("agency-1")),
    "staff_of_another_agency": _actor("p-agency-9", Role.AGENCY_STAFF, Scope.agency("agency-9")),
    "district_supervisor": _actor("p-sup", Role.SUPERVISOR, Scope.region(RegionCode("150603"))),
    "street_supervisor": _actor(
        "p-sup-street", Role.SUPERVISOR, Scope.region(RegionCode("150603001"))
    ),
    "centre_supervisor": _actor("p-sup-centre", Role.SUPERVISOR, Scope.agency("agency-centre")),
    "co_unit_staff": _actor("p-co-unit", Role.AGENCY_STAFF, Scope.agency("agency-2")),
    "street_staff": _actor("p-street", Role.STREET_STAFF, Scope.region(RegionCode("150603001"))),
    "staff_of_another_street": _actor(
        "p-street-2", Role.STREET_STAFF, Scope.region(RegionCode("150603002"))
    ),
    "supervisor_of_another_district": _actor(
        "p-sup-2", Role.SUPERVISOR, Scope.region(RegionCode("150602"))
    ),
}
GRID_TEAM = {
    "grid_leader",
    "full_time_grid_worker",
    "industry_grid_worker",
    "part_time_grid_worker",
}
SUPERVISORS = {"district_supervisor", "street_supervisor"}
# Who urges and supervises (督办): the supervisors and the street office over the community.
OVERSEERS = SUPERVISORS | {"street_staff"}


def _open(
    channel: CaseChannel = CaseChannel.IN_PERSON, policy: EscalationPolicy | None = None
) -> Case:
    return Case.open(
        id="case-p",
        resident="p-resident",
        community=HOME,
        grid="g-1",
        category=CaseCategory.COMPLAINT_OR_SUGGESTION,
        channel=channel,
        summary="小区路灯长期不亮",
        policy=policy or EscalationPolicy.kangbashi(),
        by=POOL["resident"],
        at=T0,
        home_agency="agency-centre",
    )


def _climb(levels: int, *, accept: bool = False) -> Case:
    case = _open()
    handlers = [
        POOL["liaison"],
        POOL["full_time_grid_worker"],
        POOL["secretary"],
        POOL["centre_staff"],
    ]
    for handler in handlers[:levels]:
        case.accept(by=handler, at=T0)
        case.escalate(reason="本级无法解决", by=handler, at=T0)
    if accept:
        case.accept(by=handlers[levels], at=T0)
    return case


def _at_the_street(*, accept: bool = False) -> Case:
    case = _open(policy=EscalationPolicy.five_levels())
    for handler in ("liaison", "full_time_grid_worker", "secretary"):
        case.accept(by=POOL[handler], at=T0)
        case.escalate(reason="本级无法解决", by=POOL[handler], at=T0)
    if accept:
        case.accept(by=POOL["street_staff"], at=T0)
    return case


def _platform_report_at_the_grid() -> Case:
    case = _open(CaseChannel.PLATFORM, EscalationPolicy.kangbashi_routes())
    case.accept(by=POOL["full_time_grid_worker"], at=T0)
    return case


def _transferred(*, lead_accepts: bool = False, part_accepted: bool = False) -> Case:
    case = _climb(3, accept=True)
    case.transfer(lead="agency-1", co_units=["agency-2"], by=POOL["centre_staff"], at=T0)
    if lead_accepts:
        case.accept(by=POOL["unit_staff"], at=T0)
    if part_accepted:
        case.accept_part(by=POOL["co_unit_staff"], at=T0)
    return case


def _resolved_after_transfer() -> Case:
    case = _transferred(lead_accepts=True, part_accepted=True)
    case.report_back(report="已配合处理", by=POOL["co_unit_staff"], at=T0)
    case.resolve(result=SOLVED, by=POOL["unit_staff"], at=T0)
    return case


def _resolved(rating: Satisfaction | None = None) -> Case:
    case = _climb(0, accept=True)
    case.resolve(result=SOLVED, by=POOL["liaison"], at=T0)
    if rating is not None:
        case.rate(rating=rating, by=POOL["resident"], at=T0)
    return case


def _pending_extension() -> Case:
    case = _climb(3, accept=True)
    case.request_extension(
        extension=TimeLimit.working_days(2), reason="需鉴定", by=POOL["centre_staff"], at=T0
    )
    return case


Call = Callable[[Case, Actor, dt.datetime], Any]
ROWS: list[tuple[str, Callable[[], Case], Call, set[str]]] = [
    (
        # A case whose deadlines counted days known only by law, replanned on the notice.
        "replan across the notice",
        lambda: case_across_the_notice()[0],
        lambda c, a, t: c.replan(FIRM_2027, by=a, at=c.last_at),
        SUPERVISORS,
    ),
    ("accept at the liaison", lambda: _climb(0), lambda c, a, t: c.accept(by=a, at=t), {"liaison"}),
    ("accept at the grid", lambda: _climb(1), lambda c, a, t: c.accept(by=a, at=t), GRID_TEAM),
    (
        "accept at the community",
        lambda: _climb(2),
        lambda c, a, t: c.accept(by=a, at=t),
        {"secretary"},
    ),
    (
        "accept at the agency",
        lambda: _climb(3),
        lambda c, a, t: c.accept(by=a, at=t),
        {"centre_staff"},
    ),
    (
        "escalate from the liaison",
        lambda: _climb(0, accept=True),
        lambda c, a, t: c.escalate(reason="无法调解", by=a, at=t),
        {"liaison"},
    ),
    (
        "escalate from the grid",
        lambda: _climb(1, accept=True),
        lambda c, a, t: c.escalate(reason="需社区协调", by=a, at=t),
        GRID_TEAM,
    ),
    (
        "escalate from the community",
        lambda: _climb(2, accept=True),
        lambda c, a, t: c.escalate(reason="需部门处理", by=a, at=t),
        {"secretary"},
    ),
    (
        "send back from the grid",
        lambda: _climb(1),
        lambda c, a, t: c.send_back(reason="属联络员调解范围", by=a, at=t),
        GRID_TEAM,
    ),
    (
        "resolve at the liaison",
        lambda: _climb(0, accept=True),
        lambda c, a, t: c.resolve(result=SOLVED, by=a, at=t),
        {"liaison"},
    ),
    (
        "transfer at the agency",
        lambda: _climb(3, accept=True),
        lambda c, a, t: c.transfer(lead="agency-1", by=a, at=t),
        {"centre_staff"},
    ),
    (
        "give feedback at the grid",
        lambda: _climb(1, accept=True),
        lambda c, a, t: c.give_feedback(message="正在协调", by=a, at=t),
        GRID_TEAM,
    ),
    (
        "urge at the grid",
        lambda: _climb(1),
        lambda c, a, t: c.urge(note="请尽快办理", by=a, at=t),
        OVERSEERS,
    ),
    (
        "urge at the agency",
        lambda: _climb(3),
        lambda c, a, t: c.urge(note="请尽快签收", by=a, at=t),
        OVERSEERS | {"centre_supervisor"},
    ),
    (
        "supervise at the community",
        lambda: _climb(2),
        lambda c, a, t: c.supervise(reason="群众反映强烈", by=a, at=t),
        OVERSEERS,
    ),
    (
        "request an extension at the agency",
        lambda: _climb(3, accept=True),
        lambda c, a, t: c.request_extension(
            extension=TimeLimit.working_days(2), reason="需鉴定", by=a, at=t
        ),
        {"centre_staff"},
    ),
    (
        "approve an extension",
        _pending_extension,
        lambda c, a, t: c.approve_extension(by=a, at=t),
        SUPERVISORS | {"centre_supervisor"},
    ),
    (
        "reject an extension",
        _pending_extension,
        lambda c, a, t: c.reject_extension(reason="按原时限办理", by=a, at=t),
        SUPERVISORS | {"centre_supervisor"},
    ),
    (
        "rate a resolution",
        _resolved,
        lambda c, a, t: c.rate(rating=Satisfaction.SATISFIED, by=a, at=t),
        {"resident"},
    ),
    (
        "reopen after an unsatisfied rating",
        lambda: _resolved(Satisfaction.UNSATISFIED),
        lambda c, a, t: c.reopen(reason="确未解决", by=a, at=t),
        SUPERVISORS,
    ),
    (
        "withdraw",
        lambda: _climb(1),
        lambda c, a, t: c.withdraw(reason="已自行解决", by=a, at=t),
        {"resident"},
    ),
    (
        "park at the agency",
        lambda: _climb(3, accept=True),
        lambda c, a, t: c.park(reason="暂不具备解决条件", by=a, at=t),
        {"centre_staff"},
    ),
    (
        "close a resolved case",
        _resolved,
        lambda c, a, t: c.close(by=a, at=t),
        {"liaison"} | SUPERVISORS,
    ),
    (
        "accept at the street",
        _at_the_street,
        lambda c, a, t: c.accept(by=a, at=t),
        {"street_staff"},
    ),
    (
        "escalate from the street",
        lambda: _at_the_street(accept=True),
        lambda c, a, t: c.escalate(reason="需专门机构处理", by=a, at=t),
        {"street_staff"},
    ),
    (
        "supervise at the street",
        _at_the_street,
        lambda c, a, t: c.supervise(reason="街道督办", by=a, at=t),
        OVERSEERS,
    ),
    (
        "escalate a platform report to an alternative",
        _platform_report_at_the_grid,
        lambda c, a, t: c.escalate(reason="需社区协调", by=a, at=t, to="community"),
        GRID_TEAM,
    ),
    (
        "accept the lead's part after a transfer",
        _transferred,
        lambda c, a, t: c.accept(by=a, at=t),
        {"unit_staff"},
    ),
    (
        "accept_part as a co-unit",
        _transferred,
        lambda c, a, t: c.accept_part(by=a, at=t),
        {"co_unit_staff"},
    ),
    (
        "report_back as a co-unit",
        lambda: _transferred(part_accepted=True),
        lambda c, a, t: c.report_back(report="已配合处理", by=a, at=t),
        {"co_unit_staff"},
    ),
    (
        "excuse_unit by the centre",
        _transferred,
        lambda c, a, t: c.excuse_unit(unit="agency-2", reason="已由牵头单位一并处理", by=a, at=t),
        {"centre_staff"},
    ),
    (
        "give feedback after a transfer",
        _transferred,
        lambda c, a, t: c.give_feedback(message="正在办理", by=a, at=t),
        {"centre_staff", "unit_staff", "co_unit_staff"},
    ),
    (
        "urge after a transfer",
        _transferred,
        lambda c, a, t: c.urge(note="请按时签收", by=a, at=t),
        OVERSEERS | {"centre_staff"},
    ),
    (
        "transfer again after a transfer",
        lambda: _transferred(lead_accepts=True),
        lambda c, a, t: c.transfer(lead="agency-3", by=a, at=t),
        {"centre_staff", "unit_staff"},
    ),
    (
        "close after a transfer",
        _resolved_after_transfer,
        lambda c, a, t: c.close(by=a, at=t),
        {"centre_staff", "unit_staff"} | SUPERVISORS,
    ),
]


@pytest.mark.parametrize("actor", sorted(POOL))
@pytest.mark.parametrize(
    ("command", "setup", "call", "allowed"), ROWS, ids=[row[0] for row in ROWS]
)
def test_only_the_right_actor_may_run_each_command(
    command: str, setup: Callable[[], Case], call: Call, allowed: set[str], actor: str
) -> None:
    case = setup()
    before = case.events

    if actor in allowed:
        events = call(case, POOL[actor], T0 + dt.timedelta(hours=1))
        assert events and case.events == before + events
    else:
        with pytest.raises(PermissionDenied) as refused:
            call(case, POOL[actor], T0 + dt.timedelta(hours=1))
        assert refused.value.actor == POOL[actor].person
        assert case.events == before


OPENERS = {
    "resident",
    "liaison",
    *GRID_TEAM,
    "secretary",
    "community_worker",
    "district_supervisor",
    "street_supervisor",
    "street_staff",
}


@pytest.mark.parametrize("actor", sorted(POOL))
def test_a_case_is_opened_by_the_resident_or_someone_posted_to_its_grid_or_community(
    actor: str,
) -> None:
    def open_as() -> Case:
        return Case.open(
            id="case-o",
            resident="p-resident",
            community=HOME,
            grid="g-1",
            category=CaseCategory.HAZARD,
            channel=CaseChannel.GRID_PATROL,
            summary="消防通道堆放杂物",
            policy=EscalationPolicy.kangbashi(),
            by=POOL[actor],
            at=T0,
        )

    if actor in OPENERS:
        assert open_as().version == 1
    else:
        with pytest.raises(PermissionDenied, match="only the resident"):
            open_as()


def test_the_matrix_covers_every_command() -> None:
    commands = {name for name in dir(Case) if not name.startswith("_")}
    queries = {
        "accept_due",
        "agency",
        "calendar",
        "category",
        "channel",
        "co_units",
        "community",
        "deadlines",
        "events",
        "grid",
        "home_agency",
        "id",
        "last_at",
        "level",
        "opened_at",
        "owner",
        "pending_extension",
        "policy",
        "rating",
        "reopens",
        "resident",
        "resolve_due",
        "result",
        "status",
        "summary",
        "supervised",
        "time_at_levels",
        "timeline",
        "to_frame",
        "to_html",
        "to_records",
        "unit_parts",
        "version",
    }
    covered = {row[0].split(" ")[0] for row in ROWS}
    words = {
        "request": "request_extension",
        "approve": "approve_extension",
        "reject": "reject_extension",
        "send": "send_back",
        "give": "give_feedback",
    }
    covered = {words.get(name, name) for name in covered} | {"open", "replay"}

    assert commands - queries == covered
