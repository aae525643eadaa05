"""The permission matrix: every role x every command x in scope and out of scope.

Volunteer registrations are in it; community activities (whose organiser is a record,
not a role) are tested in ``tests/volunteering``.

Driven from ``tests/permissions.py``, the table ``docs/permissions.md`` renders. Each cell
builds its aggregate afresh in the row's situation, runs the command as an actor of the
column's role, and checks it succeeds (recording events) or is refused with
``PermissionDenied`` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from wulian_core.calendar import SHANGHAI, ChinaCalendar, TimeLimit, YearNotice
from wulian_core.errors import InvalidValue, PermissionDenied
from wulian_core.escalation import Case, CaseResult, Satisfaction
from wulian_core.examples import case_across_the_notice, case_example, case_people
from wulian_core.people import Actor, Grant, Person, Role, Scope
from wulian_core.points import (
    Catalogue,
    Holder,
    HolderKind,
    Passbook,
    PointsPolicy,
    Term,
    TermKind,
)
from wulian_core.regions import RegionCode
from wulian_core.volunteering import Organiser, OrganiserKind, VolunteerRegistration


def _load_table() -> Any:
    path = Path(__file__).with_name("permissions.py")
    spec = importlib.util.spec_from_file_location("wulian_permissions_table", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


table = _load_table()

HOME = RegionCode("150603001001")
NEXT_DOOR_STREET = "150603002"
NEXT_DOOR = RegionCode("150603001002")
DISTRICT = RegionCode("150603")
OTHER_DISTRICT = RegionCode("150602")
AT = dt.datetime(2024, 9, 26, 10, 0, tzinfo=SHANGHAI)
MONDAY = dt.datetime(2024, 9, 30, 9, 0, tzinfo=SHANGHAI)
POINTS_AT = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)

_GRID_ROLES = {
    "liaison": Role.LIAISON,
    "grid_leader": Role.GRID_LEADER,
    "full_time_grid_worker": Role.FULL_TIME_GRID_WORKER,
    "industry_grid_worker": Role.INDUSTRY_GRID_WORKER,
    "part_time_grid_worker": Role.PART_TIME_GRID_WORKER,
}


def actor(column: str, *, in_scope: bool, resident: str) -> Actor:
    """The actor of ``column``, in scope or out of it; ``resident`` is who "resident" is."""
    person = f"p-as-{column}"
    if column == "resident":
        return Actor(resident if in_scope else "p-another-resident")
    if column in _GRID_ROLES:
        scope = Scope.grid("g-1" if in_scope else "g-2")
        return Actor(person, {Grant(_GRID_ROLES[column], scope)})
    if column in ("community_secretary", "community_worker"):
        scope = Scope.region(HOME if in_scope else NEXT_DOOR)
        return Actor(person, {Grant(Role(column), scope)})
    if column in ("social_worker", "station_staff"):
        return Actor(person, {Grant(Role(column), Scope.station("s-1" if in_scope else "s-2"))})
    if column == "agency_staff":
        scope = Scope.agency("agency-centre" if in_scope else "agency-other")
        return Actor(person, {Grant(Role.AGENCY_STAFF, scope)})
    if column == "street_staff":  # a street office over its township (街道)
        street = RegionCode(HOME[:9]) if in_scope else RegionCode(NEXT_DOOR_STREET)
        return Actor(person, {Grant(Role.STREET_STAFF, Scope.region(street))})
    if column == "review_panel":  # 复核小组 of the community: reviews objections to 公示
        return Actor(
            person, {Grant(Role.REVIEW_PANEL, Scope.region(HOME if in_scope else NEXT_DOOR))}
        )
    assert column == "supervisor"
    scope = Scope.region(DISTRICT if in_scope else OTHER_DISTRICT)
    return Actor(person, {Grant(Role.SUPERVISOR, scope)})


# --- cases ----------------------------------------------------------------------------------

WHO = case_people()
_HANDLER = {
    "liaison": WHO.liaison,
    "grid": WHO.grid_worker,
    "community": WHO.secretary,
    "agency": WHO.centre,
}
_LEVELS = ("liaison", "grid", "community", "agency")
DONE = CaseResult(resident_contacted=True, solved=True, reply="已办结")


def _case_awaiting(level: str) -> Case:
    """The example case, escalated up to ``level`` and awaiting acceptance there."""
    case, _, _ = case_example()
    for below in _LEVELS[: _LEVELS.index(level)]:
        case.escalate(reason="上报", by=_HANDLER[below], at=AT)
    return case


def _case_accepted(level: str) -> Case:
    case = _case_awaiting(level)
    case.accept(by=_HANDLER[level], at=MONDAY if level == "agency" else AT)
    return case


def _level(where: str) -> str:
    return where.split(" at the ")[1].removesuffix(" level")


FIRM_2027 = ChinaCalendar.official(beyond="statutory").extended(YearNotice.statutory(2027))


def _case_setup(row: Any) -> tuple[Case, Callable[[Case, Actor], object]]:
    command, where = row.command, row.where
    late = MONDAY
    if command == "open":
        return _case_awaiting("liaison"), lambda _, by: _open_case(by)
    if where.startswith("awaiting at"):
        case = _case_awaiting(_level(where))
    elif where.startswith("accepted at"):
        case = _case_accepted(_level(where))
    elif where == "an extension pending":
        case = _case_accepted("agency")
        case.request_extension(
            extension=TimeLimit.working_days(3), reason="需勘验", by=WHO.centre, at=late
        )
    elif where == "awaiting":
        case = _case_awaiting("liaison")
    elif where == "past the last notice":  # deadlines counted by law, then the notice comes
        case = case_across_the_notice()[0]
    else:
        case = _case_accepted("liaison")
        case.resolve(result=DONE, by=WHO.liaison, at=AT)
        if where == "rated unsatisfied":
            case.rate(rating=Satisfaction.UNSATISFIED, by=WHO.resident, at=AT)
    accepted_late = where in ("accepted at the agency level", "an extension pending")
    at = MONDAY if accepted_late else AT
    runs: dict[str, Callable[[Case, Actor], object]] = {
        "accept": lambda c, by: c.accept(by=by, at=at),
        "send_back": lambda c, by: c.send_back(reason="不属本级", by=by, at=at),
        "escalate": lambda c, by: c.escalate(reason="上报", by=by, at=at),
        "resolve": lambda c, by: c.resolve(result=DONE, by=by, at=at),
        "park": lambda c, by: c.park(reason="等待鉴定", by=by, at=at),
        "give_feedback": lambda c, by: c.give_feedback(message="正在办理", by=by, at=at),
        "transfer": lambda c, by: c.transfer(lead="agency-1", by=by, at=at),
        "request_extension": lambda c, by: c.request_extension(
            extension=TimeLimit.working_days(3), reason="需勘验", by=by, at=at
        ),
        "approve_extension": lambda c, by: c.approve_extension(by=by, at=at),
        "reject_extension": lambda c, by: c.reject_extension(reason="不予延期", by=by, at=at),
        "urge": lambda c, by: c.urge(note="请加快", by=by, at=at),
        "supervise": lambda c, by: c.supervise(reason="逾期风险", by=by, at=at),
        "withdraw": lambda c, by: c.withdraw(reason="已自行解决", by=by, at=at),
        "rate": lambda c, by: c.rate(rating=Satisfaction.SATISFIED, by=by, at=at),
        "reopen": lambda c, by: c.reopen(reason="居民不满意", by=by, at=at),
        "close": lambda c, by: c.close(by=by, at=at),
        "replan": lambda c, by: c.replan(FIRM_2027, by=by, at=c.last_at),
    }
    return case, runs[command]


# --- passbooks and catalogues ---------------------------------------------------------------

WORKER = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
HOLDER = Holder(id="p-3", kind=HolderKind.PERSON, community=HOME)


# Points that expire, so that `expire` has something to do.
POLICY = attrs.evolve(PointsPolicy.practice(), expiry=Term(kind=TermKind.MONTHS, count=12))


def _book() -> Passbook:
    book = Passbook.open(HOLDER, policy=POLICY, by=WORKER, at=POINTS_AT)
    book.record_service(
        activity="act-1", on=POINTS_AT.date(), minutes=240, by=WORKER, at=POINTS_AT, key="s-1"
    )
    return book


def _shop() -> Catalogue:
    shop = Catalogue.open(point="market-1", community=HOME, by=WORKER, at=POINTS_AT)
    shop.list_item(item="soap", name="肥皂", price=1, stock=2, by=WORKER, at=POINTS_AT, key="l-1")
    return shop


# The organiser on record of the rows that name one: a township station, s-1.
STATION = Organiser(kind=OrganiserKind.STATION, id="s-1", region=RegionCode(HOME[:9]))


def _points_setup(row: Any) -> tuple[Any, Callable[[Any, Actor], object]]:
    at, day = POINTS_AT, POINTS_AT.date()
    book = _book()
    organiser = STATION if row.where.startswith("organiser on record") else None
    if row.aggregate == "Passbook":
        if row.command == "cancel_redemption":
            book.redeem(points=2, point="shop-1", by=Actor("p-3"), at=at, key="r-1")
        runs: dict[str, Callable[[Any, Actor], object]] = {
            "open": lambda _, by: Passbook.open(
                Holder(id="p-5", kind=HolderKind.PERSON, community=HOME),
                policy=PointsPolicy.practice(),
                by=by,
                at=at,
            ),
            "record_service": lambda b, by: b.record_service(
                activity="act-2", on=day, minutes=60, organiser=organiser, by=by, at=at, key="k"
            ),
            "correct_service": lambda b, by: b.correct_service(
                activity="act-1", minutes=120, reason="签到有误", by=by, at=at, key="k"
            ),
            "uphold_complaint": lambda b, by: b.uphold_complaint(
                activity="act-1", reason="投诉属实", by=by, at=at, key="k"
            ),
            "accrue_activity": lambda b, by: b.accrue_activity(
                activity="a-1",
                on=day,
                activity_kind="meeting",
                organiser=organiser,
                by=by,
                at=at,
                key="k",
            ),
            "award_moral": lambda b, by: b.award_moral(
                category="filial_piety", reason="照顾老人", by=by, at=at, key="k"
            ),
            "deduct_moral": lambda b, by: b.deduct_moral(
                category="law_abiding", reason="占道经营", by=by, at=at, key="k"
            ),
            "redeem": lambda b, by: b.redeem(points=1, point="shop-1", by=by, at=at, key="k"),
            "cancel_redemption": lambda b, by: b.cancel_redemption(
                order="r-1", reason="缺货", by=by, at=at, key="k"
            ),
            "expire": lambda b, by: b.expire(at=at + dt.timedelta(days=800), by=by),
            "reverse": lambda b, by: b.reverse(
                accrual="s-1", reason="重复登记", by=by, at=at, key="k"
            ),
        }
        return book, runs[row.command]
    shop = _shop()
    if row.command in ("pick_up", "cancel"):
        shop.redeem(book, item="soap", by=Actor("p-3"), at=at, key="order-1")
    shop_runs: dict[str, Callable[[Any, Actor], object]] = {
        "open": lambda _, by: Catalogue.open(point="market-2", community=HOME, by=by, at=at),
        "list_item": lambda s, by: s.list_item(
            item="towel", name="毛巾", price=5, stock=1, by=by, at=at, key="k"
        ),
        "donate": lambda s, by: s.donate(
            item="soap", quantity=3, donor="org-7", by=by, at=at, key="k"
        ),
        "redeem": lambda s, by: s.redeem(book, item="soap", by=by, at=at, key="k"),
        "pick_up": lambda s, by: s.pick_up(order="order-1", by=by, at=at, key="k"),
        "cancel": lambda s, by: s.cancel(
            book, order="order-1", reason="不要了", by=by, at=at, key="k"
        ),
    }
    return shop, shop_runs[row.command]


# --- volunteer registrations ------------------------------------------------------------

VOLUNTEER = Person(id="p-3", name="李敏")


def _registration_setup(row: Any) -> tuple[Any, Callable[[Any, Actor], object]]:
    at = POINTS_AT
    reg = VolunteerRegistration.register(person=VOLUNTEER, community=HOME, by=WORKER, at=at)
    if row.command in ("suspend", "reinstate"):
        reg.approve(by=WORKER, at=at)
    if row.command == "reinstate":
        reg.suspend(reason="长期未参加", by=WORKER, at=at)
    runs: dict[str, Callable[[Any, Actor], object]] = {
        "register": lambda _, by: VolunteerRegistration.register(
            person=VOLUNTEER, community=HOME, by=by, at=at
        ),
        "approve": lambda r, by: r.approve(by=by, at=at),
        "suspend": lambda r, by: r.suspend(reason="长期未参加", by=by, at=at),
        "reinstate": lambda r, by: r.reinstate(by=by, at=at),
    }
    return reg, runs[row.command]


def _setup(row: Any) -> tuple[Any, Callable[[Any, Actor], object]]:
    if row.aggregate == "Case":
        return _case_setup(row)
    if row.aggregate == "VolunteerRegistration":
        return _registration_setup(row)
    return _points_setup(row)


def _resident(row: Any) -> str:
    return "p-resident" if row.aggregate == "Case" else "p-3"  # p-3 holds, p-3 volunteers


CELLS = [
    pytest.param(row, column, in_scope, id=f"{row.name}-{column}-{'in' if in_scope else 'out'}")
    for row in table.TABLE
    for column in table.COLUMNS
    for in_scope in (True, False)
]


@pytest.mark.parametrize(("row", "column", "in_scope"), CELLS)
def test_the_matrix_cell_holds(row: Any, column: str, in_scope: bool) -> None:
    aggregate, run = _setup(row)
    by = actor(column, in_scope=in_scope, resident=_resident(row))
    allowed = column in row.allowed and (in_scope or row.anyone)
    before = aggregate.version
    if allowed:
        result = run(aggregate, by)
        assert result, f"{row.name} by {column} recorded nothing"
    else:
        with pytest.raises(PermissionDenied):
            run(aggregate, by)
        assert aggregate.version == before


def test_the_table_covers_every_command_and_role() -> None:
    commands = {
        "Case": {"open", *(n for n in vars(Case) if _is_command(Case, n))},
        "Passbook": {"open", *(n for n in vars(Passbook) if _is_command(Passbook, n))},
        "Catalogue": {"open", *(n for n in vars(Catalogue) if _is_command(Catalogue, n))},
        "VolunteerRegistration": {
            "register",
            *(n for n in vars(VolunteerRegistration) if _is_command(VolunteerRegistration, n)),
        },
    }
    # The co-units' parts of a transferred case (协办) have their own matrix, by unit, in
    # tests/unit/test_escalation_permissions.py: the roles here hold no co-unit's agency.
    commands["Case"] -= {"accept_part", "report_back", "excuse_unit"}
    for aggregate, names in commands.items():
        covered = {row.command for row in table.TABLE if row.aggregate == aggregate}
        assert covered == names, aggregate
    assert set(table.COLUMNS) == {"resident", *(role.value for role in Role)}


def _is_command(cls: type, name: str) -> bool:
    import inspect

    member = vars(cls)[name]
    if name.startswith("_") or not inspect.isfunction(member):
        return False
    parameters = inspect.signature(member).parameters
    return "by" in parameters and name != "record"


def test_the_docs_page_is_the_table() -> None:
    assert table.PAGE.read_text(encoding="utf-8") == table.render(), (
        "docs/permissions.md is stale: run python tests/permissions.py"
    )


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.COMMUNITY_WORKER, Scope.region(RegionCode("150603001"))),
        (Role.COMMUNITY_SECRETARY, Scope.region(RegionCode("15"))),
        (Role.COMMUNITY_WORKER, Scope.grid("g-1")),
        (Role.FULL_TIME_GRID_WORKER, Scope.region(HOME)),
        (Role.LIAISON, Scope.region(HOME)),
        (Role.AGENCY_STAFF, Scope.region(HOME)),
        (Role.STATION_STAFF, Scope.agency("agency-1")),
        (Role.SUPERVISOR, Scope.grid("g-1")),
        (Role.REVIEW_PANEL, Scope.region(RegionCode("15"))),
        (Role.REVIEW_PANEL, Scope.region(RegionCode("150603"))),
    ],
)
def test_a_grant_above_or_beside_its_roles_level_is_refused(role: Role, scope: Scope) -> None:
    with pytest.raises(InvalidValue) as info:
        Grant(role, scope)
    assert info.value.field == "Grant.scope" and role.value in info.value.reason


@pytest.mark.parametrize(
    "scope",
    [Scope.region(RegionCode(code)) for code in ("15", "1506", "150603", "150603001", HOME)],
)
def test_a_supervisor_is_granted_any_region_level(scope: Scope) -> None:
    assert Grant(Role.SUPERVISOR, scope).scope == scope


@pytest.mark.parametrize("code", ["150603001001", "150603001"])
def test_a_review_panel_is_granted_its_community_or_its_street(code: str) -> None:
    scope = Scope.region(RegionCode(code))
    assert Grant(Role.REVIEW_PANEL, scope).scope == scope


def _open_case(by: Actor) -> Case:
    example, _, _ = case_example()
    return Case.open(
        id="case-2",
        resident="p-resident",
        community=HOME,
        grid="g-1",
        category=example.category,
        channel=example.channel,
        summary="噪音扰民",
        policy=example.policy,
        by=by,
        at=AT,
        home_agency="agency-centre",
    )


@pytest.mark.parametrize(
    ("role", "code", "may"),
    [
        (Role.SUPERVISOR, "150603001", True),
        (Role.SUPERVISOR, "15", True),
        (Role.SOCIAL_WORKER, "150603001", False),
        (Role.SOCIAL_WORKER, HOME, True),
        (Role.COMMUNITY_WORKER, NEXT_DOOR, False),
    ],
)
def test_only_a_supervisors_region_covers_the_communities_below_it(
    role: Role, code: str, may: bool
) -> None:
    by = Actor("p-x", {Grant(role, Scope.region(RegionCode(code)))})
    if may:
        assert _open_case(by).version == 1
    else:
        with pytest.raises(PermissionDenied):
            _open_case(by)
