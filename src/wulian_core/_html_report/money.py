"""The report's money: purchased services per year and the quarter's settlement per month.

Shown beside the targets; amounts are exact (``Decimal`` yuan to the fen).
"""

from __future__ import annotations

import html
from decimal import Decimal
from fractions import Fraction

from wulian_core.funding import purchase_totals_by_year
from wulian_core.points import settle_months
from wulian_core.simulation import Quarter
from wulian_core.synth import KANGBASHI, kangbashi_purchases, kangbashi_shops

__all__ = ["money_section"]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _percent(rate: Fraction | None) -> str:
    return "n/a" if rate is None else f"{float(rate) * 100:.1f}%"


def money_section(quarter: Quarter) -> str:
    """Money beside the targets: Kangbashi's purchased services (budget, spending, labour
    share, per year) and the quarter's settlement with each redemption point, per month."""
    rows = []
    if quarter.district == KANGBASHI:
        for year, totals in purchase_totals_by_year(kangbashi_purchases()):
            rows.append(
                f"<tr><td>{year}</td><td>{totals.projects}</td><td>{totals.budget:,}</td>"
                f"<td>{totals.paid:,}</td><td>{_percent(totals.labour_share)}</td></tr>"
            )
    purchases = (
        '<div class="scroll"><table><tr><th>年份 year</th><th>项目 projects</th>'
        "<th>预算 budget (元)</th>"
        f"<th>支出 paid (元)</th><th>人力成本 labour</th></tr>{''.join(rows)}</table></div>"
        if rows
        else "<p>无购买服务记录 no service purchases on record</p>"
    )
    shops = kangbashi_shops(quarter.catalogue)
    months = settle_months(
        shops,
        start=quarter.start,
        end=quarter.end,
        passbooks=quarter.passbooks,
        catalogues=[quarter.catalogue],
    )
    lines = "".join(
        f"<tr><td>{_e(month.start.isoformat()[:7])}</td><td>{_e(line.name)} {_e(line.point)}</td>"
        f"<td>{line.yuan_per_point}</td><td>{line.orders}</td><td>{line.redeemed}</td>"
        f"<td>{line.cancelled_orders}</td><td>{line.handed_over}</td><td>{line.owed:,}</td></tr>"
        for month in months
        for line in month.lines
    )
    owed = sum((month.total_owed for month in months), Decimal("0.00"))
    return f"""<h2>资金与结算 Money: purchased services and settlement</h2>
<p>政府购买服务 purchased services <span class="en">(budget, spending, labour share)</span></p>
{purchases}
<p>积分兑换结算 settlement with redemption points ({_e(shops.registry)}):
应付 owed <b>{owed:,}</b> 元</p>
<div class="scroll"><table><tr><th>月份 month</th><th>兑换点 point</th><th>元/分 yuan a point</th>
<th>订单 orders</th><th>兑换 redeemed</th><th>取消 cancelled</th><th>已领取 handed over</th>
<th>应付 owed (元)</th></tr>{lines}</table></div>
"""
