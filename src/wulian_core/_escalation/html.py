"""For Jupyter: a case's header, running clocks and timeline as HTML.

The view reads a case through :class:`CaseView`, the few public queries it shows, so it
knows nothing of the aggregate it renders. All text from events (summaries, reasons,
replies) is escaped: it comes from residents.
"""

from __future__ import annotations

import html
from typing import Protocol

from wulian_core.calendar import SHANGHAI

from .policy import EscalationLevel
from .tracking import CaseDeadline, TimelineEntry
from .values import CaseCategory, CaseChannel, CaseStatus

__all__ = ["CaseView", "case_html"]


class CaseView(Protocol):
    """What :func:`case_html` reads of a case."""

    @property
    def id(self) -> str: ...
    @property
    def category(self) -> CaseCategory: ...
    @property
    def channel(self) -> CaseChannel: ...
    @property
    def level(self) -> EscalationLevel: ...
    @property
    def status(self) -> CaseStatus: ...
    @property
    def version(self) -> int: ...
    @property
    def deadlines(self) -> tuple[CaseDeadline, ...]: ...
    def timeline(self) -> tuple[TimelineEntry, ...]: ...


def case_html(case: CaseView) -> str:
    """The case's header and timeline (动态跟踪) as an HTML table.

    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
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
        f"{'（已超期）' if d.missed else '（已预警）' if d.warned else ''}"
        f"{'（暂定）' if d.provisional else ''}</li>"
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
