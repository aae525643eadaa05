"""HTML for Jupyter: a summary per target and the first gaps; every text escaped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._report import Report

__all__ = ["report_html", "table"]

MAX_GAPS = 30


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """An HTML table; every cell is escaped.

    >>> table(["a"], [["<b>"]])
    '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def report_html(report: Report) -> str:
    """The report's summary and its first gaps."""
    targets = report.targets
    summary = []
    for total in report.totals():
        target = targets.target(total.target)
        summary.append(
            [
                target.id,
                target.title_zh,
                target.subjects.describe_zh,
                f"{target.comparison.symbol} {target.threshold}",
                total.subjects,
                total.met,
                total.not_met,
                total.undefined,
                f"{total.met}/{total.subjects}",
            ]
        )
    for target_id in report.not_applicable():
        target = targets.target(target_id)
        summary.append(
            [target.id, target.title_zh, "尚未适用 not yet applicable", "", "", "", "", "", ""]
        )
    gaps = report.gaps()
    shown = [
        [g.subject, g.subject_name, g.target, g.status.label_zh, g.shortfall_zh, g.shortfall_en]
        for g in gaps[:MAX_GAPS]
    ]
    more = (
        f"<p>… {len(gaps) - MAX_GAPS} more; see <code>gaps()</code> and "
        "<code>to_records()</code>.</p>"
        if len(gaps) > MAX_GAPS
        else ""
    )
    return (
        f"<div><p><strong>{escape(targets.title_zh)}</strong> — {escape(targets.title_en)}"
        f" — {escape(report.as_of.isoformat())}</p>"
        + table(
            ["target", "目标", "对象", "要求", "subjects", "达标", "未达标", "无法评价", "met"],
            summary,
        )
        + "<p>gaps 差距</p>"
        + table(["code", "名称", "target", "状态", "差距", "shortfall"], shown)
        + more
        + "</div>"
    )
