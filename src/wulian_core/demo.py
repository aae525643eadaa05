"""The district demo: the article's Kangbashi, summed up in Chinese and English.

>>> from wulian_core import synth
>>> text = summary(synth.kangbashi(seed=0), as_of=ARTICLE_DATE)
>>> "登记注册社会组织 registered social organizations: 116" in text
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from . import policies
from .directory import Directory
from .funding import purchase_totals, purchase_totals_by_category
from .model import RegionLevel, Registration, Role, StationLevel
from .points import settle_months
from .rules import Report, Status, evaluate
from .simulation import Quarter
from .synth import (
    KANGBASHI,
    YUEHE,
    kangbashi_purchases,
    kangbashi_rollout,
    kangbashi_shops,
    kangbashi_trainings,
)

__all__ = ["ARTICLE_DATE", "ROLLOUT_DATE", "quarter_summary", "summary"]

ARTICLE_DATE = dt.date(2022, 6, 30)
"""The date the demo counts as of: mid-2022, when the article describes the district."""

ROLLOUT_DATE = dt.date(2024, 10, 31)
"""The date the demo holds the district against the 2024 rollout (shaanxi-2024)."""


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
        purchases = [p for p in kangbashi_purchases(directory) if p.start.year <= 2021]
        totals = purchase_totals(purchases)
        lines.append(
            f"  政府购买服务 purchased services 2019-2021: {totals.paid:,} 元 (article: 352万元);"
            f" {totals.projects} projects, budget 预算 {totals.budget:,} 元,"
            f" 人力成本 labour {_percent(totals.labour_share)}"
        )
        lines.append(
            "    按类别 by category: "
            + ", ".join(
                f"{category.label_zh} {t.paid:,} 元"
                for category, t in purchase_totals_by_category(purchases)
            )
        )
        lines.extend(_rollout_lines(directory))
    return "\n".join(lines)


def _rollout_lines(directory: Directory) -> list[str]:
    # The district, with its synthetic 2023-2024 added, against the rollout from 2024.
    report = evaluate(
        policies.load("shaanxi-2024"),
        kangbashi_rollout(directory),
        as_of=ROLLOUT_DATE,
        trainings=kangbashi_trainings(directory),
        within=KANGBASHI,
    )
    return [
        f"  全面推行 rollout ({report.targets.name}, synthetic 2023-2024, as of"
        f" {ROLLOUT_DATE.isoformat()}): {_met(report)}",
        *_no_subjects_lines(report),
    ]


def _met(report: Report) -> str:
    totals = report.totals()
    met = sum(t.status is Status.MET for t in totals)
    return f"{met} of {len(totals)} met"


def _no_subjects_lines(report: Report) -> list[str]:
    # Every target of the set is shown: those with no subjects here are named, not dropped.
    lines = []
    for label, ids in (
        ("此处无适用对象 no subjects here", report.no_subjects()),
        ("尚未适用 not yet applicable", report.not_applicable()),
    ):
        if ids:
            lines.append(f"    {label} ({len(ids)}): {', '.join(ids)}")
    return lines


def _settlement_lines(quarter: Quarter) -> list[str]:
    # The quarter's redemptions settled month by month with the street's points.
    shops = kangbashi_shops(quarter.catalogue)
    months = settle_months(
        shops,
        start=quarter.start,
        end=quarter.end,
        passbooks=quarter.passbooks,
        catalogues=[quarter.catalogue],
    )
    redeemed = sum(line.redeemed for month in months for line in month.lines)
    handed = sum(line.handed_over for month in months for line in month.lines)
    cancelled = sum(line.cancelled_orders for month in months for line in month.lines)
    owed = sum((month.total_owed for month in months), Decimal("0.00"))
    rates = ", ".join(f"{p.name} {p.yuan_per_point} 元/分" for p in shops.points())
    return [
        f"  结算 settlement ({shops.registry}; {rates}):"
        f" 兑换 redeemed {redeemed}, 已领取 handed over {handed}, 取消 cancelled orders"
        f" {cancelled}; 应付 owed {owed:,} 元",
        "    "
        + "; ".join(f"{m.start.isoformat()[:7]} {m.total_owed:,} 元" for m in months)
        + f" (ledger balanced: {all(m.balanced for m in months)})",
    ]


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
        *_settlement_lines(quarter),
        f"  目标 targets ({quarter.report.targets.name}, as of {quarter.end.isoformat()}):"
        f" {_met(quarter.report)}",
        *_no_subjects_lines(quarter.report),
    ]
    for total in largest[:gaps]:
        target = quarter.report.target(total.target)
        lines.append(
            f"    差距 gap: {target.title_zh} / {target.title_en}:"
            f" {total.met} of {total.subjects} met, {total.shortfall} short"
        )
    return "\n".join(lines)
