"""The demo's money and rollout lines: purchased services, settlement, the 2024 rollout.

Private to :mod:`wulian_core.demo`, which prints them beside the district and the quarter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from . import policies
from ._labels import Lang, heading, label, term
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


def _yuan(lang: Lang) -> str:
    return label("yuan", lang)


def purchase_lines(directory: Directory, *, article: str, sim: str, lang: Lang = "zh") -> list[str]:
    """Kangbashi's purchased services 2019-2021: the article's total, then the detail."""
    purchases = [p for p in kangbashi_purchases(directory) if p.start.year <= 2021]
    totals = purchase_totals(purchases)
    yuan = _yuan(lang)
    return [
        f"  {heading('purchased_services', lang)} 2019-2021: {totals.paid:,} {yuan}"
        f" (article: 352万元) {article}; {totals.projects} projects,"
        f" {heading('budget', lang)} {totals.budget:,} {yuan},"
        f" {heading('labour', lang)} {_percent(totals.labour_share)} {sim}",
        f"    {heading('by_category', lang)}: "
        + ", ".join(
            f"{term(category, lang)} {t.paid:,} {yuan}"
            for category, t in purchase_totals_by_category(purchases)
        )
        + f" {sim}",
    ]


def rollout_lines(directory: Directory, *, sim: str, lang: Lang = "zh") -> list[str]:
    """The district, with a synthetic 2023-2024 added, against Shaanxi's rollout from 2024."""
    report = evaluate(
        policies.load("shaanxi-2024"),
        kangbashi_rollout(directory),
        as_of=ROLLOUT_DATE,
        trainings=kangbashi_trainings(directory),
        within=KANGBASHI,
    )
    lines = [
        f"  {heading('rollout', lang)} ({report.targets.name}, synthetic 2023-2024, as of"
        f" {ROLLOUT_DATE.isoformat()}): {_met(report)} {sim}"
    ]
    for key, ids in (
        ("no_subjects", report.no_subjects()),
        ("not_applicable", report.not_applicable()),
    ):
        if ids:  # every target of the set is shown: those with no subjects are named
            lines.append(f"    {heading(key, lang)} ({len(ids)}): {', '.join(ids)}")
    return lines


def _met(report: Report) -> str:
    totals = report.totals()
    met = sum(t.status is Status.MET for t in totals)
    return f"{met} of {len(totals)} met"


def settlement_lines(quarter: Quarter, *, sim: str, lang: Lang = "zh") -> list[str]:
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
    yuan, per_point = _yuan(lang), label("yuan_per_point_short", lang)
    rates = ", ".join(f"{p.name} {p.yuan_per_point} {per_point}" for p in shops.points())
    return [
        f"  {heading('demo_settlement', lang)} ({shops.registry}; {rates}):"
        f" {heading('redeemed', lang)} {redeemed}, {heading('demo_handed_over', lang)} {handed},"
        f" {heading('demo_cancelled_orders', lang)} {cancelled};"
        f" {heading('demo_owed', lang)} {owed:,} {yuan} {sim}",
        "    "
        + "; ".join(f"{m.start.isoformat()[:7]} {m.total_owed:,} {yuan}" for m in months)
        + f" (ledger balanced: {all(m.balanced for m in months)})",
    ]
