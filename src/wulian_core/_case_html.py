"""For Jupyter: a case's timeline as an HTML table, a policy's chain as a mermaid diagram.

All text from events (summaries, reasons, replies) is escaped: it comes from residents.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .calendar import SHANGHAI

if TYPE_CHECKING:
    from ._case_queries import _Queries
    from ._escalation_policy import (
        EscalationPolicy,
    )

__all__ = ["case_html", "policy_mermaid"]


def case_html(case: _Queries) -> str:
    """The case's header and timeline (动态跟踪) as an HTML table.

    >>> from wulian_core._case_example import example
    >>> case, who, at = example()
    >>> page = case_html(case)
    >>> "<table" in page and "受理登记" in page
    True
    """
    e = html.escape
    head = (
        f"<p><strong>{e(case.id)}</strong> · {e(case.category.label_zh)} · "
        f"{e(case.channel.label_zh)} · {e(case.level.label_zh)} · {e(case.status.label_zh)}"
        f" · 版本 {case.version}</p>"
    )
    dues = "".join(
        f"<li>{e(d.clock.label_zh)}时限 {d.due.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
        f"{'（已超期）' if d.missed else '（已预警）' if d.warned else ''}</li>"
        for d in case.deadlines
    )
    rows = "".join(
        "<tr>"
        f"<td>{entry.at:%Y-%m-%d %H:%M}</td><td>{e(entry.what)}</td><td>{e(entry.by)}</td>"
        f"<td>{e(entry.level)}</td><td>{e(entry.detail)}</td>"
        "</tr>"
        for entry in case.timeline()
    )
    table = (
        "<table><thead><tr><th>时间</th><th>事项</th><th>办理人</th><th>层级</th><th>说明</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    return head + (f"<ul>{dues}</ul>" if dues else "") + table


def _label(text: str) -> str:
    # Mermaid reads quotes and angle brackets in a label as syntax; write them as entities.
    return (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )


def policy_mermaid(policy: EscalationPolicy) -> str:
    """The policy's chain as a mermaid flowchart (left to right)."""
    lines = ["flowchart LR"]
    index = {level.id: i for i, level in enumerate(policy.levels)}
    for j, intake in enumerate(policy.intakes):
        lines.append(f'    C{j}(["{_label(intake.channel.label_zh)}"]) --> L{index[intake.level]}')
    for i, level in enumerate(policy.levels):
        clocks = f"签收 {level.accept.label_zh} · 办结 {level.resolve.label_zh}"
        if level.resolve_from.value == "acceptance":
            clocks += "（签收后）"
        parts = [level.label_zh, clocks]
        if level.extension_limit is not None:
            parts.append(f"延期至多 {level.extension_limit.label_zh}")
        lines.append(f'    L{i}["{"<br/>".join(_label(part) for part in parts)}"]')
    for i, level in enumerate(policy.levels):
        if level.escalates_to is not None:
            lines.append(f"    L{i} -- 上报 --> L{index[level.escalates_to]}")
            if policy.auto_escalate:
                lines.append(f"    L{i} -. 超期 .-> L{index[level.escalates_to]}")
        else:
            if level.role.value == "agency_staff":
                lines.append(f"    L{i} -- 转办 --> L{i}")
            if policy.auto_escalate:
                lines.append(f'    L{i} -. 超期 .-> S{i}{{{{"督办"}}}}')
    return "\n".join(lines)
