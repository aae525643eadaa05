"""The quarter as one standalone HTML page: tables and inline SVG charts, Chinese and English.

:func:`render` turns a simulated :class:`~wulian_core.simulation.Quarter` into one HTML
string with no network access and no external assets: compliance per township and
target, the largest shortfalls, the escalation funnel by level, the on-time and
satisfaction rates, and material points issued and redeemed week by week. Every text
taken from the data is escaped. Pure: the caller writes the file.

>>> from wulian_core import policies, synth
>>> from wulian_core.simulation import simulate_quarter
>>> q = simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"),
...                      seed=0)
>>> page = render(q)
>>> page.startswith("<!DOCTYPE html>"), page.count("<svg") >= 3
(True, True)
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from .errors import InvalidValue
from .escalation import CaseEscalated, CaseOpened
from .funding import purchase_totals_by_year
from .model import RegionLevel
from .points import settle_months
from .rules import Finding, RollUp, Status
from .simulation import Quarter
from .synth import KANGBASHI, kangbashi_purchases, kangbashi_shops

__all__ = ["render"]

_STYLE = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em;
color:#222;max-width:1100px}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;
text-align:left;font-size:.9em}th{background:#f3f3f3}.met{color:#17692f}.gap{color:#a11}
.en{color:#666;font-size:.9em}.figures span{display:inline-block;margin-right:2em}
svg text{font-size:11px;font-family:inherit}
"""

_BAR = "#3a7bd5"
_RED = "#d9534f"
_GREEN = "#3c9d5d"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _percent(rate: Fraction | None) -> str:
    return "n/a" if rate is None else f"{float(rate) * 100:.1f}%"


def _clip(text: str, most: int) -> str:
    """At most ``most`` characters, with an ellipsis where it was cut (never silently)."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _bars(rows: Sequence[tuple[str, float, bool]], *, title: str, unit: str = "%") -> str:
    """Horizontal bars, one per row, value 0..100 (any scale when ``unit`` is not %).

    A row's flag says whether its target is met: green when it is, blue when not, so a
    target met by its required share (not every subject) still reads as met.
    """
    height = 22 * len(rows) + 30
    top = max((v for _, v, _ in rows), default=0.0)
    scale = 100.0 if unit == "%" else max(top, 1.0)
    parts = [
        f'<svg class="chart" role="img" width="760"'
        f' height="{height}" viewBox="0 0 760 {height}"><title>{_e(title)}</title>'
    ]
    for i, (label, value, met) in enumerate(rows):
        y = 20 + 22 * i
        colour = _GREEN if met else _BAR
        # 360 px at most, so that the value's label after the bar stays inside the box.
        width = 0.0 if scale == 0 else 360.0 * value / scale
        parts.append(
            f'<text x="0" y="{y + 13}">{_e(label)}</text>'
            f'<rect x="330" y="{y}" width="{width:.1f}" height="16" fill="{colour}"/>'
            f'<text x="{335 + width:.1f}" y="{y + 13}">{value:.0f}{_e(unit)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _funnel(rows: Sequence[tuple[str, int]], *, title: str) -> str:
    """A centred funnel: one band per level, as wide as the cases that reached it."""
    height = 40 * len(rows) + 20
    top = max((n for _, n in rows), default=0) or 1
    parts = [
        f'<svg class="chart funnel" role="img" width="760"'
        f' height="{height}" viewBox="0 0 760 {height}"><title>{_e(title)}</title>'
    ]
    for i, (label, count) in enumerate(rows):
        width = max(4.0, 420.0 * count / top)
        x = 300 - width / 2
        y = 10 + 40 * i
        # The label stands beside the band in dark text: a narrow band cannot hide it.
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="32" fill="{_BAR}"'
            f' opacity="{max(0.35, 1 - 0.15 * i):.2f}"/>'
            f'<text x="{x + width + 8:.1f}" y="{y + 21}">{_e(label)}: {count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _weekly_chart(rows: Sequence[tuple[str, int, int]], *, title: str) -> str:
    """Paired bars per week: issued (blue) and redeemed (red)."""
    width, height, left, bottom = 760, 260, 40, 220
    top = max((max(a, b) for _, a, b in rows), default=0) or 1
    step = (width - left - 10) / max(len(rows), 1)
    bar = max(2.0, step / 2 - 2)
    parts = [
        f'<svg class="chart weekly" role="img"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{_e(title)}</title>"
        f'<line x1="{left}" y1="{bottom}" x2="{width - 5}" y2="{bottom}" stroke="#999"/>'
        f'<text x="0" y="14">{top}</text><text x="0" y="{bottom}">0</text>'
    ]
    for i, (label, issued, redeemed) in enumerate(rows):
        x = left + step * i
        for j, (value, colour) in enumerate(((issued, _BAR), (redeemed, _RED))):
            h = (bottom - 10) * value / top
            parts.append(
                f'<rect x="{x + j * (bar + 1):.1f}" y="{bottom - h:.1f}" width="{bar:.1f}"'
                f' height="{h:.1f}" fill="{colour}"><title>{_e(label)}: {value}</title></rect>'
            )
        if i % 2 == 0:
            parts.append(f'<text x="{x:.1f}" y="{bottom + 14}">{_e(label[5:])}</text>')
    parts.append(
        f'<rect x="{left}" y="{bottom + 24}" width="10" height="10" fill="{_BAR}"/>'
        f'<text x="{left + 14}" y="{bottom + 33}">发放 issued</text>'
        f'<rect x="{left + 110}" y="{bottom + 24}" width="10" height="10" fill="{_RED}"/>'
        f'<text x="{left + 124}" y="{bottom + 33}">兑换 redeemed</text></svg>'
    )
    return "".join(parts)


def _reached(quarter: Quarter) -> list[tuple[str, int]]:
    """How many cases reached each level (opened there or escalated to it)."""
    ids = [level.id for level in quarter.policy.levels]
    reached = dict.fromkeys(ids, 0)
    for case in quarter.cases:
        seen = {e.level for e in case.events if isinstance(e, CaseOpened | CaseEscalated)}
        for level in seen:
            if level in reached:
                reached[level] += 1
    labels = {level.id: level.label_zh for level in quarter.policy.levels}
    return [(f"{labels[i]} {i}", reached[i]) for i in ids]


def _township_table(rollups: Sequence[RollUp], quarter: Quarter) -> str:
    targets = sorted(
        {r.target for r in rollups}, key=[t.id for t in quarter.report.targets.targets].index
    )
    towns: dict[str, dict[str, RollUp]] = {}
    for r in rollups:
        towns.setdefault(r.name, {})[r.target] = r
    head = "".join(f"<th>{_e(t)}</th>" for t in targets)
    body = []
    for name, row in towns.items():
        cells = []
        for t in targets:
            found = row.get(t)
            if found is None:
                cells.append("<td>–</td>")
                continue
            css = "met" if found.status is Status.MET else "gap"
            cells.append(f'<td class="{css}">{found.met}/{found.subjects}</td>')
        body.append(f"<tr><th>{_e(name)}</th>{''.join(cells)}</tr>")
    return f"<table><tr><th>街道 township</th>{head}</tr>{''.join(body)}</table>"


def _money_section(quarter: Quarter) -> str:
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
        "<table><tr><th>年份 year</th><th>项目 projects</th><th>预算 budget (元)</th>"
        f"<th>支出 paid (元)</th><th>人力成本 labour</th></tr>{''.join(rows)}</table>"
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
<table><tr><th>月份 month</th><th>兑换点 point</th><th>元/分 yuan a point</th>
<th>订单 orders</th><th>兑换 redeemed</th><th>取消 cancelled</th><th>已领取 handed over</th>
<th>应付 owed (元)</th></tr>{lines}</table>
"""


def render(quarter: Quarter, *, title: str = "五社联动季度报告 Quarterly report") -> str:
    """The quarter as one standalone HTML page (a string); nothing is fetched or linked.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.simulation import simulate_quarter
    >>> q = simulate_quarter(synth.kangbashi(seed=1), targets=policies.load("shaanxi-2022"),
    ...                      seed=1)
    >>> "<script>" in render(q, title="<script>alert(1)</script>")
    False
    """
    if not isinstance(quarter, Quarter):
        raise InvalidValue("render.quarter", quarter, "must be a Quarter from simulate_quarter")
    if not isinstance(title, str):
        raise InvalidValue("render.title", title, "must be a string")
    report = quarter.report
    figures = quarter.stats
    totals = report.totals()
    township = report.rollups(level=RegionLevel.TOWNSHIP)
    compliance = [
        (
            f"{_clip(report.target(t.target).title_zh, 22)} {t.target}",
            float(Fraction(t.met, t.subjects) * 100) if t.subjects else 0.0,
            t.status is Status.MET,
        )
        for t in totals
    ]
    by_target: dict[str, list[Finding]] = {}
    for finding in sorted(report.gaps(), key=lambda f: -f.shortfall):
        if finding.shortfall > 0 and len(by_target.setdefault(finding.target, [])) < 3:
            by_target[finding.target].append(finding)
    gaps = sorted((f for fs in by_target.values() for f in fs), key=lambda f: -f.shortfall)[:12]
    gap_rows = "".join(
        f"<tr><td>{_e(f.subject_name)}</td><td>{_e(f.target)}</td><td>{f.shortfall}</td>"
        f'<td>{_e(f.shortfall_zh)}<br><span class="en">{_e(f.shortfall_en)}</span></td></tr>'
        for f in gaps
    )
    levels = {level.id: level.label_zh for level in quarter.policy.levels}
    resolved_rows = "".join(
        f"<tr><td>{_e(levels.get(name, name))} {_e(name)}</td><td>{count}</td></tr>"
        for name, count in quarter.resolved_by_level
    )
    leaders = "".join(
        f"<tr><td>{r.rank}</td><td>{_e(r.holder)}</td><td>{_e(r.community)}</td>"
        f"<td>{r.value}</td></tr>"
        for r in quarter.moral_leaders
    )
    weekly = [(w.week.isoformat(), w.issued, w.redeemed) for w in quarter.weekly_points]
    period = f"{quarter.start.isoformat()} – {quarter.end.isoformat()}"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{_e(title)}</h1>
<p>{_e(quarter.district)} · {_e(period)} · seed {quarter.seed} ·
{_e(report.targets.title_zh)} <span class="en">{_e(report.targets.title_en)}</span></p>
<p class="figures"><span>诉求 cases opened: <b>{figures.opened}</b></span>
<span>办结 resolved: <b>{figures.resolved}</b></span>
<span>按期办结率 on time: <b>{_percent(figures.on_time_rate)}</b></span>
<span>满意率 satisfaction: <b>{_percent(figures.satisfaction_rate)}</b></span>
<span>逾期自动上报 escalated on their own: <b>{quarter.self_escalated}</b></span></p>
<h2>目标达成 Compliance per target <span class="en">(share of subjects meeting it)</span></h2>
{_bars(compliance, title="目标达成率 compliance per target")}
<h2>各街道达成情况 Compliance per township</h2>
{_township_table(township, quarter)}
<h2>最大差距 Largest shortfalls</h2>
<table><tr><th>地区 subject</th><th>目标 target</th><th>差额 short</th><th>说明 detail</th></tr>
{gap_rows}</table>
<h2>逐级上报漏斗 Escalation funnel <span class="en">(cases that reached each level)</span></h2>
{_funnel(_reached(quarter), title="逐级上报漏斗 escalation funnel")}
<table><tr><th>办结层级 resolved at</th><th>件数 cases</th></tr>{resolved_rows}</table>
<h2>积分 Points issued and redeemed per week</h2>
<p>发放 issued <b>{quarter.points_issued}</b> · 兑换 redeemed <b>{quarter.points_redeemed}</b></p>
{_weekly_chart(weekly, title="每周积分发放与兑换 points per week")}
{_money_section(quarter)}<h2>品德积分榜 Moral-points leaders</h2>
<table><tr><th>名次 rank</th><th>持有人 holder</th><th>社区 community</th><th>积分 points</th></tr>
{leaders}</table>
</body></html>
"""
