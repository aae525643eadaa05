"""For Jupyter: a case's header, running clocks, units of a transfer and timeline as HTML.

The view reads a case through :class:`CaseView`, the few public queries it shows, so it
knows nothing of the aggregate it renders. All text from events (summaries, reasons,
replies, unit ids) is escaped: it comes from residents and from files. Every label comes
from the one label table (:mod:`wulian_core._labels`): Chinese by default, English with
``lang="en"``; the domain's own words (a level's name, a status, what an event was) stay
as the policy and the timeline say them.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from wulian_core._html import captioned_table, escape, table
from wulian_core._labels import Lang, check_lang, heading, label, masked_text
from wulian_core.calendar import SHANGHAI

from .parts import UnitPart
from .policy import EscalationLevel
from .tracking import CaseDeadline, TimelineEntry
from .values import CaseCategory, CaseChannel, CaseClock, CaseStatus

__all__ = ["CaseView", "case_html", "part_timeliness", "units_html"]


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
    @property
    def unit_parts(self) -> tuple[UnitPart, ...]: ...
    def timeline(self) -> tuple[TimelineEntry, ...]: ...


def _when(value: dt.datetime | None) -> str:
    return "" if value is None else f"{value.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"


def part_timeliness(part: UnitPart) -> str:
    """The label key of how a unit's part stands: excused, overdue, on time, or open.

    Excused wins (the centre went on without the unit, whatever its clocks said); then a
    deadline that ran out or was met late; then a part done in time; else still open.

    >>> from wulian_core.examples import case_transferred
    >>> [part_timeliness(part) for part in case_transferred()[0].unit_parts]
    ['part_open', 'part_open']
    """
    if part.excused is not None:
        return "part_excused"
    if part.overdue:
        return "part_overdue"
    if part.done:
        return "part_on_time"
    return "part_open"


def _due(part: UnitPart, lang: Lang) -> str:
    # 签收 until the unit accepts, then its report (回单): kept once the part is done, to
    # read beside when it reported.
    if part.accepted_at is None or part.report_due is None:
        due, clock, provisional = part.accept_due, "due_accept", part.accept_provisional
    else:
        due, clock, provisional = part.report_due, "due_report", part.report_provisional
    text = f"{_when(due)} ({label(clock, lang)})"
    return text + (f" ({label('provisional', lang)})" if provisional else "")


def units_html(parts: tuple[UnitPart, ...], lang: Lang = "zh") -> str:
    """The units of a transfer (转办) as a table: the lead first, then each co-unit.

    >>> from wulian_core.examples import case_transferred
    >>> page = units_html(case_transferred()[0].unit_parts, "en")
    >>> "<td>agency-1</td><td>lead unit</td>" in page, "<td>co-unit</td>" in page
    (True, True)
    """
    if not parts:
        return ""
    head = tuple(
        heading(key, lang)
        for key in ("unit", "unit_role", "accepted_at", "due", "reported_at", "timeliness")
    )
    rows: list[tuple[object, ...]] = [
        (
            part.unit,
            label("lead_unit" if part.lead else "co_unit", lang),
            _when(part.accepted_at),
            _due(part, lang),
            _when(part.reported_at),
            label(part_timeliness(part), lang)
            + (f": {masked_text(part.excused)}" if part.excused is not None else ""),
        )
        for part in parts
    ]
    return captioned_table(head, rows, heading("units", lang))


def case_html(case: CaseView, lang: Lang = "zh") -> str:
    """The case's header, clocks, units of a transfer and timeline (动态跟踪) as HTML.

    >>> from wulian_core.examples import case_example, case_transferred
    >>> case, who, at = case_example()
    >>> page = case_html(case)
    >>> "<table" in page and "受理登记" in page
    True
    >>> page = case_html(case_transferred()[0], "en")
    >>> "<caption>units of the transfer</caption>" in page and "<th>accepted at</th>" in page
    True
    """
    lang = check_lang(lang)
    e = escape
    head = (
        f"<p><strong>{e(case.id)}</strong> · {e(case.category.label_zh)} · "
        f"{e(case.channel.label_zh)} · {e(case.level.label_zh)} · {e(case.status.label_zh)}"
        f" · {e(label('version', lang))} {case.version}</p>"
    )
    items = []
    for d in case.deadlines:
        marks = "missed" if d.missed else "warned" if d.warned else None
        if lang == "zh":  # 签收时限, 办结时限
            text = f"{d.clock.label_zh}{label('deadline')} {_when(d.due)}"
        else:  # deadline to accept, deadline to resolve
            clock = "due_accept" if d.clock is CaseClock.ACCEPT else "due_resolve"
            text = f"{label('deadline', lang)} {label(clock, lang)} {_when(d.due)}"
        text += f" ({label(marks, lang)})" if marks else ""
        text += f" ({label('provisional', lang)})" if d.provisional else ""
        items.append(f"<li>{e(text)}</li>")
    dues = "".join(items)
    timeline = table(
        [heading(key, lang) for key in ("time", "what", "by", "escalation_level", "detail")],
        [
            [
                f"{entry.at:%Y-%m-%d %H:%M}",
                entry.what,
                entry.by,
                entry.level,
                masked_text(entry.detail),
            ]
            for entry in case.timeline()
        ],
    )
    units = units_html(case.unit_parts, lang)
    return head + (f"<ul>{dues}</ul>" if dues else "") + units + timeline
