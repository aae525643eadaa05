"""The district demo: the article's Kangbashi, summed up in Chinese and English.

>>> from wulian_core import synth
>>> text = summary(synth.kangbashi(seed=0), as_of=ARTICLE_DATE)
>>> "登记注册社会组织 registered social organizations: 116" in text
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from dateutil.relativedelta import relativedelta

from .calendar import SHANGHAI
from .directory import Directory
from .escalation import EscalationPolicy
from .model import RegionLevel, Registration, Role, StationLevel
from .rules import Status
from .simulation import Quarter
from .synth import KANGBASHI, YUEHE, kangbashi_purchases

__all__ = ["ARTICLE_DATE", "load_quarter", "quarter_summary", "save_quarter", "summary"]

ARTICLE_DATE = dt.date(2022, 6, 30)
"""The date the demo counts as of: mid-2022, when the article describes the district."""


def summary(directory: Directory, *, as_of: dt.date, district: str = KANGBASHI) -> str:
    """A short, readable summary of a district directory, in Chinese with English beside.

    Counts organizations, posts and stations as of ``as_of``.

    >>> from wulian_core import synth
    >>> print(summary(synth.kangbashi(), as_of=ARTICLE_DATE).splitlines()[2])
      社区 communities: 19 (悦和社区 150603001001 among them)
    """
    from .regions import RegionCode

    code = RegionCode(district)
    region = directory.region(code)
    communities = directory.communities(within=code)
    streets = directory.regions_at(RegionLevel.TOWNSHIP, within=code)
    organizations = directory.organizations_of(code, as_of=as_of)
    registered = sum(o.registration is Registration.REGISTERED for o in organizations)
    workers = directory.posts_of(code, role=Role.COMMUNITY_WORKER, as_of=as_of)
    grid_team = [p for p in directory.posts_of(code, as_of=as_of) if p.role.is_grid_team]
    liaisons = directory.posts_of(code, role=Role.LIAISON, as_of=as_of)
    stations = directory.stations_of(code.parent or code, as_of=as_of)
    by_level = {
        level: sum(
            s.level is level and (s.region.startswith(code) or code.startswith(s.region))
            for s in stations
        )
        for level in StationLevel
    }
    residents = directory.residents_of(code)
    floating = sum(r.floating for r in residents)
    yuehe_residents = directory.residents_of(YUEHE) if YUEHE in directory else ()
    yuehe_floating = sum(r.floating for r in yuehe_residents)
    year_start = dt.date(as_of.year, 1, 1)
    activities = directory.activities_of(code, between=(year_start, as_of))
    joint = sum(a.is_joint for a in activities)
    lines = [
        f"{region.name} ({code}), as of {as_of.isoformat()}",
        f"  街道 streets: {len(streets)}",
        f"  社区 communities: {len(communities)}"
        + (f" (悦和社区 {YUEHE} among them)" if YUEHE in directory else ""),
        f"  登记注册社会组织 registered social organizations: {registered}"
        f" (+{len(organizations) - registered} filed 备案)",
        f"  社区工作者 community workers: {len(workers)},"
        f" {len(workers) / max(len(communities), 1):.1f} per community on average",
        "  社工站 social-work stations: "
        + ", ".join(
            f"{level.label_zh} ({level.value}) {by_level[level]}" for level in StationLevel
        ),
        f"  网格员 grid team: {len(grid_team)}; 睦邻党群联络员 neighbourhood liaisons: {len(liaisons)}",
        f"  居民 residents on record: {len(residents)}, 流动人口 floating population {floating}"
        + (f"; 悦和社区 {yuehe_floating} of {len(yuehe_residents)}" if yuehe_residents else ""),
        f"  活动 activities {year_start.isoformat()} to {as_of.isoformat()}: {len(activities)},"
        f" 社工+志愿者 joint {joint}",
    ]
    if code == KANGBASHI:  # the article's figure: 352万元 of purchased services, 2019-2021
        spent = sum(p.paid for p in kangbashi_purchases(directory) if p.start.year <= 2021)
        lines.append(
            f"  政府购买服务 purchased services 2019-2021: {spent:,} 元 (article: 352万元)"
        )
    return "\n".join(lines)


def _percent(rate: Fraction | None) -> str:
    return "n/a" if rate is None else f"{float(rate) * 100:.1f}%"


def quarter_summary(
    quarter: Quarter, *, gaps: int = 3, names: Mapping[str, str] | None = None
) -> str:
    """The simulated quarter in a few lines, in Chinese with English beside.

    Cases resolved by level, the on-time and satisfaction rates, points issued and
    redeemed, the moral-points leaders (by name where ``names`` maps their ids), the
    targets met and the ``gaps`` largest gaps.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.simulation import simulate_quarter
    >>> q = simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"),
    ...                      seed=0)
    >>> print(quarter_summary(q))  # doctest: +ELLIPSIS
    模拟一个季度 simulated quarter 2024-08-01 to 2024-10-31 (seed 0)
      诉求 cases opened: ...
    """
    figures = quarter.stats
    levels = {level.id: level for level in quarter.policy.levels}
    by_level = ", ".join(
        f"{levels[name].label_zh if name in levels else name} {name} {count}"
        for name, count in quarter.resolved_by_level
    )
    known = names or {}
    leaders = ", ".join(
        f"#{r.rank} {known.get(r.holder, r.holder)} ({r.value})" for r in quarter.moral_leaders[:3]
    )
    totals = quarter.report.totals()
    met = sum(t.status is Status.MET for t in totals)
    largest = sorted((t for t in totals if t.shortfall > 0), key=lambda t: (-t.shortfall, t.target))
    lines = [
        f"模拟一个季度 simulated quarter {quarter.start.isoformat()} to {quarter.end.isoformat()}"
        f" (seed {quarter.seed})",
        f"  诉求 cases opened: {figures.opened}; 办结 resolved: {figures.resolved}"
        f" ({by_level}); 逾期自动上报 escalated on their own: {quarter.self_escalated}",
        f"  按期办结率 on-time rate: {_percent(figures.on_time_rate)};"
        f" 满意率 satisfaction: {_percent(figures.satisfaction_rate)}"
        f" ({figures.satisfied} of {figures.rated} ratings)",
        f"  积分 points issued: {quarter.points_issued}; 兑换 redeemed: {quarter.points_redeemed}"
        f" at the 积分超市 points supermarket",
        f"  品德积分 moral points: {quarter.moral_awards} awards; leaders {leaders or 'none'}",
        f"  目标 targets ({quarter.report.targets.name}, as of {quarter.end.isoformat()}):"
        f" {met} of {len(totals)} met",
    ]
    for total in largest[:gaps]:
        target = quarter.report.target(total.target)
        lines.append(
            f"    差距 gap: {target.title_zh} / {target.title_en}:"
            f" {total.met} of {total.subjects} met, {total.shortfall} short"
        )
    return "\n".join(lines)


# --- the quarter in the event store (wulian demo --store, wulian report --store) ---------


def save_quarter(quarter: Quarter, store: Any) -> int:
    """Write every event of the quarter into ``store`` in one unit of work; the last position.

    The directory is not event-sourced: the seed, start and district go in a small table
    of their own (``wulian_demo``), so that :func:`load_quarter` can rebuild it.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.simulation import simulate_quarter
    >>> from wulian_core.store import SQLiteStore
    >>> q = simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"),
    ...                      seed=0)
    >>> store = SQLiteStore(":memory:", clock=lambda: dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    >>> store.create()
    >>> save_quarter(q, store) == store.head() > 3000
    True
    """
    with store.transaction() as tx:
        tx.execute(
            "CREATE TABLE IF NOT EXISTS wulian_demo (seed INTEGER NOT NULL, "
            "start TEXT NOT NULL, district TEXT NOT NULL)"
        )
        tx.execute("DELETE FROM wulian_demo")
        tx.execute(
            "INSERT INTO wulian_demo (seed, start, district) VALUES (?, ?, ?)",
            (quarter.seed, quarter.start.isoformat(), str(quarter.district)),
        )
    with store.unit_of_work() as uow:
        for case in quarter.cases:
            uow.cases.add(case)
        for book in quarter.passbooks:
            uow.passbooks.add(book)
        uow.catalogues.add(quarter.catalogue)
        return int(uow.commit())


def load_quarter(store: Any, *, targets: Any) -> Quarter:
    """The quarter :func:`save_quarter` wrote, rebuilt from the stored events.

    Cases, passbooks and the catalogue are replayed from the store; the figures are
    computed from them again; the directory is rebuilt from the stored seed (it is
    synthetic) and held against ``targets``.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.simulation import simulate_quarter
    >>> from wulian_core.store import SQLiteStore
    >>> plan = policies.load("shaanxi-2022")
    >>> q = simulate_quarter(synth.kangbashi(seed=0), targets=plan, seed=0)
    >>> store = SQLiteStore(":memory:", clock=lambda: dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    >>> store.create()
    >>> _ = save_quarter(q, store)
    >>> again = load_quarter(store, targets=plan)
    >>> again.stats == q.stats, [c.events for c in again.cases] == [c.events for c in q.cases]
    (True, True)
    >>> from wulian_core.html_report import render
    >>> render(again) == render(q)
    True
    """
    from .errors import NotFound
    from .escalation import SWEEP_ACTOR, CaseEscalated, stats
    from .points import AccountRole, Ledger, MoralPointsAwarded, rank_passbooks
    from .regions import RegionCode
    from .rules import evaluate
    from .simulation import WeekPoints
    from .store import StreamId
    from .synth import kangbashi

    with store.transaction() as tx:
        found = tx.execute("SELECT seed, start, district FROM wulian_demo")
    if not found:
        raise NotFound("demo quarter", store)
    seed, start_text, district_text = found[0]
    start, district = dt.date.fromisoformat(start_text), RegionCode(district_text)
    ids: dict[str, dict[str, None]] = {"case": {}, "passbook": {}, "catalogue": {}}
    after = 0
    while page := store.read_all(after=after, limit=5000):
        for row in page:
            ids[row.stream.kind][row.stream.id] = None
        after = page[-1].position
    cases = tuple(store.load(StreamId("case", i)) for i in ids["case"])
    books = tuple(store.load(StreamId("passbook", i)) for i in ids["passbook"])
    (shop,) = (store.load(StreamId("catalogue", i)) for i in ids["catalogue"])
    end = start + relativedelta(months=3) - dt.timedelta(days=1)
    policy = cases[0].policy if cases else EscalationPolicy.kangbashi()
    midnight = dt.time(0, tzinfo=SHANGHAI)
    between = (
        dt.datetime.combine(start, midnight),
        dt.datetime.combine(end + dt.timedelta(days=1), midnight),
    )
    figures = stats(cases, between=between)
    order = {level.id: i for i, level in enumerate(policy.levels)}
    weeks = [start]
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7 or 7)
    while monday <= end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    issued, redeemed = dict.fromkeys(weeks, 0), dict.fromkeys(weeks, 0)
    for book in books:
        for entry in book.entries():
            local = entry.at.astimezone(SHANGHAI).date()
            if entry.ledger is not Ledger.MATERIAL or not start <= local <= end:
                continue
            week = max(w for w in weeks if w <= local)
            if entry.source.role is AccountRole.ISSUER and entry.target.role is AccountRole.HOLDER:
                issued[week] += entry.amount
            elif entry.target.role is AccountRole.REDEMPTION_POINT:
                redeemed[week] += entry.amount
    weekly = tuple(WeekPoints(week=w, issued=issued[w], redeemed=redeemed[w]) for w in weeks)
    return Quarter(
        seed=seed,
        start=start,
        end=end,
        district=district,
        policy=policy,
        cases=cases,
        passbooks=books,
        catalogue=shop,
        report=evaluate(targets, kangbashi(seed=seed), as_of=end, within=district),
        stats=figures,
        resolved_by_level=tuple(
            sorted(figures.resolved_at, key=lambda pair: order.get(pair[0], 99))
        ),
        self_escalated=sum(
            isinstance(e, CaseEscalated) and e.by == SWEEP_ACTOR for c in cases for e in c.events
        ),
        points_issued=sum(w.issued for w in weekly),
        points_redeemed=sum(w.redeemed for w in weekly),
        moral_awards=sum(isinstance(e, MoralPointsAwarded) for b in books for e in b.events),
        moral_leaders=tuple(rank_passbooks(books, on=end, ledger=Ledger.MORAL)[:5]),
        weekly_points=weekly,
    )
