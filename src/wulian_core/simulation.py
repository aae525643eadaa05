"""A quarter in a district, simulated through the public commands: cases, points, targets.

:func:`simulate_quarter` drives a :class:`~wulian_core.directory.Directory` (the
synthetic Kangbashi of :func:`wulian_core.synth.kangbashi`, or your own) through three
months on the official calendar: residents bring needs and disputes to their liaison
or report them on the platform, cases climb liaison → grid → secretary → agency (some
on their own, when :func:`~wulian_core.escalation.sweep` finds a deadline missed),
residents rate the result; volunteers record service and earn points, redeem them at a
points supermarket (积分超市), and moral points are awarded. At the end the district is
evaluated against the targets you pass. Pure: no I/O, no clock; the same seed gives the
same quarter.

>>> import datetime as dt
>>> from wulian_core import policies, synth
>>> quarter = simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"),
...                            seed=0)
>>> quarter.start, quarter.end
(datetime.date(2024, 8, 1), datetime.date(2024, 10, 31))
>>> quarter.stats.resolved == sum(n for _, n in quarter.resolved_by_level)
True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from .calendar import SHANGHAI, ChinaCalendar, WorkCalendar
from .directory import Directory
from .errors import InvalidValue
from .escalation import (
    SWEEP_ACTOR,
    Case,
    CaseCategory,
    CaseChannel,
    CaseEscalated,
    CaseResult,
    CaseStats,
    CaseStatus,
    EscalationPolicy,
    LevelRole,
    Satisfaction,
    stats,
    sweep,
)
from .model import Region, RegionLevel, Role, Scope
from .people import Actor
from .points import (
    AccountRole,
    Catalogue,
    Holder,
    HolderKind,
    Ledger,
    MoralCategory,
    Passbook,
    PointsPolicy,
    Ranked,
    rank_passbooks,
)
from .regions import RegionCode
from .rules import Report, TargetSet, evaluate
from .volunteering import QuarterVolunteering
from .volunteering import simulate_quarter as simulate_volunteering

__all__ = ["QUARTER_START", "Quarter", "SUPERMARKET_ITEMS", "WeekPoints", "simulate_quarter"]

QUARTER_START = dt.date(2024, 8, 1)
"""The default first day: August to October 2024, across the National Day holiday."""

SUPERMARKET_ITEMS: tuple[tuple[str, str, int], ...] = (
    ("soap", "肥皂", 3),
    ("towel", "毛巾", 5),
    ("detergent", "洗衣液", 8),
    ("oil", "食用油", 15),
    ("rice", "大米", 20),
)
"""What the points supermarket (积分超市) sells: item id, name, price in material points."""

_SUMMARIES = {
    CaseCategory.DISPUTE: ("邻里噪音纠纷", "楼上住户漏水，协商未果", "车位占用纠纷"),
}
_REPLIES = ("已调解，双方达成一致", "已协调物业处理", "已联系相关部门解决", "已上门解释政策")
# Where a case is meant to be resolved: liaison, grid, community, agency.
_TARGET_WEIGHTS = (45, 30, 15, 10)


@frozen(kw_only=True)
class WeekPoints:
    """Material points issued and redeemed in the week starting ``week`` (a Monday or the start).

    >>> WeekPoints(week=dt.date(2024, 8, 5), issued=40, redeemed=12).issued
    40
    """

    week: dt.date
    issued: int
    redeemed: int


@frozen(kw_only=True)
class Quarter:
    """The outcome of :func:`simulate_quarter`: the aggregates and the figures drawn from them.

    ``cases``, ``passbooks`` and ``catalogue`` are the aggregates as the quarter left
    them (their events are the record); ``report`` holds the district against the
    targets as of ``end``; ``stats`` are the cases' figures for the quarter;
    ``resolved_by_level`` the resolutions per level, in the policy's order;
    ``self_escalated`` the escalations the sweep made when a deadline ran out (events: a
    case may climb twice), ``self_escalated_cases`` how many cases they concern;
    ``points_issued`` and ``points_redeemed`` material points from the issuer to holders
    and from holders to the supermarket; ``moral_leaders`` the top of the moral-points
    ranking on ``end``; ``weekly_points`` the points week by week; ``directory`` the
    directory simulated, for names and places; ``volunteering`` the district's activities
    (sign-ups, attendance) and needs matched to supplies over the quarter's months.

    >>> from wulian_core import policies, synth
    >>> q = simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"),
    ...                      seed=0)
    >>> q.points_issued == sum(w.issued for w in q.weekly_points)
    True
    """

    seed: int
    start: dt.date
    end: dt.date
    district: RegionCode
    policy: EscalationPolicy
    cases: tuple[Case, ...]
    passbooks: tuple[Passbook, ...]
    catalogue: Catalogue
    report: Report
    stats: CaseStats
    resolved_by_level: tuple[tuple[str, int], ...]
    self_escalated: int
    self_escalated_cases: int
    points_issued: int
    points_redeemed: int
    moral_awards: int
    moral_leaders: tuple[Ranked, ...]
    weekly_points: tuple[WeekPoints, ...]
    directory: Directory = field(repr=False, eq=False)
    volunteering: QuarterVolunteering = field(repr=False)


class _Plan:
    """How one case is meant to go: the level it is resolved at, the level left to lapse."""

    __slots__ = ("case", "lapse", "lapsed_days", "rated", "reopened", "target", "transferred")

    def __init__(self, case: Case, target: int, lapse: int | None) -> None:
        self.case = case
        self.target = target
        self.lapse = lapse
        self.lapsed_days = 0
        self.transferred = False
        self.rated = False
        self.reopened = False


class _Cast:
    """The actors of the district on a day, from the directory's posts."""

    def __init__(self, directory: Directory, day: dt.date, district: RegionCode) -> None:
        self.directory = directory
        self.day = day
        self._cache: dict[str, Actor] = {}
        self.supervisor = self.of(district, Role.SUPERVISOR)
        self.centre = self.of(Scope.agency("agency-centre"), Role.AGENCY_STAFF)

    def actor(self, person: str) -> Actor:
        found = self._cache.get(person)
        if found is None:
            found = self._cache[person] = self.directory.actor(person, on=self.day)
        return found

    def of(self, where: RegionCode | Scope, role: Role) -> Actor:
        posts = self.directory.posts_of(where, role=role, as_of=self.day)
        if not posts:
            raise InvalidValue("simulate_quarter.directory", where, f"has no {role.value} post")
        return self.actor(posts[0].person)


def simulate_quarter(
    directory: Directory,
    *,
    targets: TargetSet,
    seed: int,
    start: dt.date = QUARTER_START,
    district: RegionCode | None = None,
    cases_per_day: int = 4,
    calendar: ChinaCalendar | None = None,
) -> Quarter:
    """Simulate three months from ``start`` in ``district`` (default: the directory's only
    county) and return the :class:`Quarter`.

    Every change goes through the aggregates' commands with actors taken from the
    directory's posts (:meth:`~wulian_core.directory.Directory.actor`). Bad arguments raise
    :class:`~wulian_core.errors.InvalidValue`.

    >>> from wulian_core import policies, synth
    >>> d, plan = synth.kangbashi(seed=3), policies.load("shaanxi-2022")
    >>> a = simulate_quarter(d, targets=plan, seed=3)
    >>> b = simulate_quarter(d, targets=plan, seed=3)
    >>> (a.stats, a.points_issued) == (b.stats, b.points_issued)
    True
    >>> simulate_quarter(d, targets=plan, seed=3, cases_per_day=-1)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: simulate_quarter.cases_per_day: must be a whole number >= 0 (got -1)
    """
    if not isinstance(directory, Directory):
        raise InvalidValue("simulate_quarter.directory", directory, "must be a Directory")
    if not isinstance(targets, TargetSet):
        raise InvalidValue("simulate_quarter.targets", targets, "must be a TargetSet")
    if type(seed) is not int:
        raise InvalidValue("simulate_quarter.seed", seed, "must be an int")
    if type(start) is not dt.date:
        raise InvalidValue("simulate_quarter.start", start, "must be a date")
    if type(cases_per_day) is not int or cases_per_day < 0:
        raise InvalidValue(
            "simulate_quarter.cases_per_day", cases_per_day, "must be a whole number >= 0"
        )
    if calendar is not None and not isinstance(calendar, WorkCalendar):
        raise InvalidValue("simulate_quarter.calendar", calendar, "must be a WorkCalendar")
    if district is not None and not isinstance(district, RegionCode):
        raise InvalidValue("simulate_quarter.district", district, "must be a RegionCode")
    if district is None:
        counties = directory.regions_at(RegionLevel.COUNTY)
        if len(counties) != 1:
            raise InvalidValue(
                "simulate_quarter.district", None, "name the district: the directory has several"
            )
        district = counties[0].code
    communities = directory.communities(within=district)
    if not communities:
        raise InvalidValue("simulate_quarter.district", district, "has no communities")
    china = calendar if calendar is not None else ChinaCalendar.official(beyond="statutory")
    end = start + relativedelta(months=3) - dt.timedelta(days=1)
    rng = random.Random(seed)
    cast = _Cast(directory, start, district)
    policy = EscalationPolicy.kangbashi()
    points_policy = PointsPolicy.practice()

    # The points supermarket of the first community, and a passbook per volunteer.
    home = communities[0].code
    shop_staff = cast.of(home, Role.COMMUNITY_WORKER)
    opened_at = _at(start, 8)
    shop = Catalogue.open(point="points-market-1", community=home, by=shop_staff, at=opened_at)
    for item, name, price in SUPERMARKET_ITEMS:
        shop.list_item(
            item=item, name=name, price=price, stock=10_000, by=shop_staff, at=opened_at,
            key=f"list-{item}",
        )  # fmt: skip
    inside = {c.code for c in communities}
    books: list[Passbook] = []
    for volunteer in sorted(directory.volunteers, key=lambda v: v.person):
        if volunteer.community is None or volunteer.community not in inside:
            continue
        worker = cast.of(volunteer.community, Role.COMMUNITY_WORKER)
        holder = Holder(id=volunteer.person, kind=HolderKind.PERSON, community=volunteer.community)
        books.append(Passbook.open(holder, policy=points_policy, by=worker, at=opened_at))

    plans: list[_Plan] = []
    self_escalated = 0
    moral_awards = 0
    serial = 0
    day = start
    while day <= end:
        for event in sweep([p.case for p in plans if not p.case.status.is_final], now=_at(day, 8)):
            self_escalated += isinstance(event, CaseEscalated) and event.by == SWEEP_ACTOR
        if china.is_workday(day):
            spread = min(2, cases_per_day)  # symmetric around the mean, never below zero
            for n in range(rng.randint(cases_per_day - spread, cases_per_day + spread)):
                serial += 1
                plans.append(_open(directory, cast, policy, rng, day, n, serial, communities))
            for plan in plans:
                _act(plan, cast, rng, day)
            _volunteer_day(books, cast, rng, day)
            if day.weekday() == 4:  # Friday: the supermarket's day, and the week's awards
                _redeem_day(books, shop, shop_staff, cast, rng, day)
                moral_awards += _award_moral(books, cast, rng, day)
        day += dt.timedelta(days=1)

    cases = tuple(p.case for p in plans)
    between = (_at(start, 0), _at(end + dt.timedelta(days=1), 0))
    figures = stats(cases, between=between)
    order = {level.id: i for i, level in enumerate(policy.levels)}
    by_level = tuple(sorted(figures.resolved_at, key=lambda pair: order.get(pair[0], 99)))
    weekly = _weekly(books, start, end)
    return Quarter(
        seed=seed,
        start=start,
        end=end,
        district=district,
        policy=policy,
        cases=cases,
        passbooks=tuple(books),
        catalogue=shop,
        report=evaluate(targets, directory, as_of=end, within=district),
        stats=figures,
        resolved_by_level=by_level,
        self_escalated=self_escalated,
        self_escalated_cases=sum(
            any(isinstance(e, CaseEscalated) and e.by == SWEEP_ACTOR for e in c.events)
            for c in cases
        ),
        points_issued=sum(w.issued for w in weekly),
        points_redeemed=sum(w.redeemed for w in weekly),
        moral_awards=moral_awards,
        moral_leaders=rank_passbooks(books, on=end, ledger=Ledger.MORAL)[:5],
        weekly_points=weekly,
        directory=directory,
        # Its own random stream from the seed: the cases and points above stay as they were.
        volunteering=simulate_volunteering(
            directory, seed=seed, start=start.replace(day=1), within=district
        ),
    )


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def _open(
    directory: Directory,
    cast: _Cast,
    policy: EscalationPolicy,
    rng: random.Random,
    day: dt.date,
    n: int,
    serial: int,
    communities: tuple[Region, ...],
) -> _Plan:
    code = rng.choice(communities).code
    residents = directory.residents_of(code)
    resident = rng.choice(residents)
    grid = resident.grid or rng.choice(directory.grids_of(code)).id
    category = rng.choice(list(CaseCategory))
    in_person = rng.random() < 0.6
    channel = CaseChannel.IN_PERSON if in_person else CaseChannel.PLATFORM
    by = cast.of(Scope.grid(grid), Role.LIAISON) if in_person else cast.actor(resident.person)
    case = Case.open(
        id=f"case-{serial:04d}",
        resident=resident.person,
        community=code,
        grid=grid,
        category=category,
        channel=channel,
        summary=rng.choice(_SUMMARIES.get(category, ("居民诉求",))),
        policy=policy,
        by=by,
        at=_at(day, 9, min(59, 5 + n * 7)),
        home_agency="agency-centre",
    )
    entry = policy.index_of(case.level.id)
    target = max(entry, rng.choices(range(4), weights=_TARGET_WEIGHTS)[0])
    # A level that will be left to lapse must be one the case reaches, or nothing lapses.
    # Below the top a lapse escalates on its own; at the top (a slow unit) it is late.
    lapse = rng.randint(entry, target) if rng.random() < 0.12 else None
    if lapse is None and target == 3 and rng.random() < 0.25:
        lapse = 3
    return _Plan(case, target, lapse)


def _handler(plan: _Plan, cast: _Cast) -> Actor:
    case = plan.case
    role = case.level.role
    if role is LevelRole.LIAISON:
        return cast.of(Scope.grid(case.grid), Role.LIAISON)
    if role is LevelRole.GRID_TEAM:
        return cast.of(Scope.grid(case.grid), Role.FULL_TIME_GRID_WORKER)
    if role is LevelRole.COMMUNITY_SECRETARY:
        return cast.of(case.community, Role.COMMUNITY_SECRETARY)
    return cast.of(Scope.agency(case.agency or "agency-centre"), Role.AGENCY_STAFF)


def _act(plan: _Plan, cast: _Cast, rng: random.Random, day: dt.date) -> None:
    """One working day's step on a case: accept, go up, transfer, resolve, rate, close."""
    case = plan.case
    status = case.status
    if status.is_final:
        return
    at = _at(day, 10 + rng.randint(0, 6), rng.randint(0, 59))
    at = max(at, case.last_at)
    index = case.policy.index_of(case.level.id)
    top = index == len(case.policy.levels) - 1
    if status is CaseStatus.RESOLVED:
        if not plan.rated:
            plan.rated = True
            rating = rng.choices(list(Satisfaction), weights=(70, 22, 8))[0]
            case.rate(rating=rating, by=cast.actor(case.resident), at=at)
            # An unsatisfied rating judged reasonable sends the case back to be redone.
            if rating is Satisfaction.UNSATISFIED and not plan.reopened and rng.random() < 0.6:
                plan.reopened = True
                plan.rated = False
                case.reopen(reason="不满意理由合理，发回重办", by=cast.supervisor, at=at)
                return
        case.close(by=cast.supervisor, at=at)
        return
    if plan.lapse == index:  # nobody acts here: the clocks take the case up (or urge at the top)
        plan.lapsed_days += 1
        if not top or plan.lapsed_days <= 6:
            return
    if status is CaseStatus.AWAITING_ACCEPTANCE:
        case.accept(by=_handler(plan, cast), at=at)
        return
    if status is not CaseStatus.IN_HAND:
        return
    if index < plan.target:
        case.escalate(reason="本级无法化解，需上级协调", by=_handler(plan, cast), at=at)
    elif top and not plan.transferred:
        plan.transferred = True
        lead = f"agency-{rng.randint(1, 5)}"
        case.transfer(lead=lead, by=_handler(plan, cast), at=at, note="转责任单位办理")
    elif plan.lapse == index and plan.lapsed_days <= 16:
        return  # a slow unit at the top: the case is resolved late
    elif rng.random() < 0.7:
        reply = rng.choice(_REPLIES)
        result = CaseResult(resident_contacted=True, solved=True, reply=reply)
        case.resolve(result=result, by=_handler(plan, cast), at=at)


def _volunteer_day(books: list[Passbook], cast: _Cast, rng: random.Random, day: dt.date) -> None:
    """Some volunteers serve today; a community worker certifies the minutes."""
    for book in rng.sample(books, min(len(books), rng.randint(5, 15))):
        community = book.holder.community
        worker = cast.of(community, Role.COMMUNITY_WORKER)
        book.record_service(
            activity=f"act-{community}-{day.isoformat()}",
            on=day,
            minutes=rng.choice((60, 90, 120, 150, 180)),
            by=worker,
            at=_at(day, 17, rng.randint(0, 59)),
            key=f"svc-{book.holder.id}-{day.isoformat()}",
        )


def _redeem_day(
    books: list[Passbook],
    shop: Catalogue,
    staff: Actor,
    cast: _Cast,
    rng: random.Random,
    day: dt.date,
) -> None:
    """Holders with points spend some at the supermarket; the staff hand the items over."""
    at = _at(day, 18)
    orders: list[str] = []
    for book in books:
        affordable = [i for i in SUPERMARKET_ITEMS if i[2] <= book.available(as_of=at)]
        if not affordable or rng.random() < 0.5:
            continue
        item = rng.choice(affordable)[0]
        order = f"order-{book.holder.id}-{day.isoformat()}"
        shop.redeem(book, item=item, by=cast.actor(book.holder.id), at=at, key=order)
        orders.append(order)
    for order in orders:
        shop.pick_up(order=order, by=staff, at=at + dt.timedelta(minutes=30), key=f"pick-{order}")


def _award_moral(books: list[Passbook], cast: _Cast, rng: random.Random, day: dt.date) -> int:
    """The week's moral-point awards (品德积分), after review by a community worker."""
    chosen = rng.sample(books, min(len(books), rng.randint(2, 6)))
    for book in chosen:
        category = rng.choice(list(MoralCategory))
        book.award_moral(
            category=category,
            reason=category.label_zh,
            by=cast.of(book.holder.community, Role.COMMUNITY_WORKER),
            at=_at(day, 19),
            key=f"moral-{book.holder.id}-{day.isoformat()}",
        )
    return len(chosen)


def _weekly(books: list[Passbook], start: dt.date, end: dt.date) -> tuple[WeekPoints, ...]:
    weeks: list[dt.date] = [start]
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7 or 7)
    while monday <= end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    issued = dict.fromkeys(weeks, 0)
    redeemed = dict.fromkeys(weeks, 0)
    week_of: Callable[[dt.date], dt.date] = lambda d: max(w for w in weeks if w <= d)  # noqa: E731
    for book in books:
        for entry in book.entries():
            if entry.ledger is not Ledger.MATERIAL:
                continue
            local = entry.at.astimezone(SHANGHAI).date()
            if not start <= local <= end:
                continue
            if entry.source.role is AccountRole.ISSUER and entry.target.role is AccountRole.HOLDER:
                issued[week_of(local)] += entry.amount
            elif entry.target.role is AccountRole.REDEMPTION_POINT:
                redeemed[week_of(local)] += entry.amount
    return tuple(WeekPoints(week=w, issued=issued[w], redeemed=redeemed[w]) for w in weeks)
