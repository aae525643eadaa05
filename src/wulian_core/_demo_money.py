"""The demo's money and rollout lines: purchased services, settlement, the 2024 rollout.

Private to :mod:`wulian_core.demo`, which prints them beside the district and the quarter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from . import policies
from .directory import Directory
from .funding import purchase_totals, purchase_totals_by_category
from .points import settle_months
from .rules import Report, Status, evaluate
from .simulation import Quarter
from .synth import (
    KANGBASHI,
    kangbashi_purchases,
    kangbashi_rollout,
    kangbashi_shops,
    kangbashi_trainings,
)

__all__ = ["ROLLOUT_DATE", "purchase_lines", "rollout_lines", "settlement_lines"]

ROLLOUT_DATE = dt.date(2024, 10, 31)
"""The date the demo holds the district against the 2024 rollout (shaanxi-2024)."""


def _percent(rate: Fraction | None) -> str:
    return "n/a" if rate is None else f"{float(rate) * 100:.1f}%"


def purchase_lines(directory: Directory, *, article: str, sim: str) -> list[str]:
    """Kangbashi's purchased services 2019-2021: the article's total, then the detail."""
    purchases = [p for p in kangbashi_purchases(directory) if p.start.year <= 2021]
    totals = purchase_totals(purchases)
    return [
        f"  政府购买服务 purchased services 2019-2021: {totals.paid:,} 元 (article: 352万元)"
        f" {article}; {totals.projects} projects, budget 预算 {totals.budget:,} 元,"
        f" 人力成本 labour {_percent(totals.labour_share)} {sim}",
        "    按类别 by category: "
        + ", ".join(
            f"{category.label_zh} {t.paid:,} 元"
            for category, t in purchase_totals_by_category(purchases)
        )
        + f" {sim}",
    ]


def rollout_lines(directory: Directory, *, sim: str) -> list[str]:
    """The district, with a synthetic 2023-2024 added, against Shaanxi's rollout from 2024."""
    report = evaluate(
        policies.load("shaanxi-2024"),
        kangbashi_rollout(directory),
        as_of=ROLLOUT_DATE,
        trainings=kangbashi_trainings(directory),
        within=KANGBASHI,
    )
    lines = [
        f"  全面推行 rollout ({report.targets.name}, synthetic 2023-2024, as of"
        f" {ROLLOUT_DATE.isoformat()}): {_met(report)} {sim}"
    ]
    for label, ids in (
        ("此处无适用对象 no subjects here", report.no_subjects()),
        ("尚未适用 not yet applicable", report.not_applicable()),
    ):
        if ids:  # every target of the set is shown: those with no subjects are named
            lines.append(f"    {label} ({len(ids)}): {', '.join(ids)}")
    return lines


def _met(report: Report) -> str:
    totals = report.totals()
    met = sum(t.status is Status.MET for t in totals)
    return f"{met} of {len(totals)} met"


def settlement_lines(quarter: Quarter, *, sim: str) -> list[str]:
    """The quarter's redemptions settled month by month with the street's redemption points."""
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
        f" {cancelled}; 应付 owed {owed:,} 元 {sim}",
        "    "
        + "; ".join(f"{m.start.isoformat()[:7]} {m.total_owed:,} 元" for m in months)
        + f" (ledger balanced: {all(m.balanced for m in months)})",
    ]
