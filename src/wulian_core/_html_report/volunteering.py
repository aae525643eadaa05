"""The report's volunteering: activities per month by service area, sign-ups against
attendance, and needs met and open per community, all simulated.

Labels come from the one table (``wulian_core._labels``); each table scrolls inside its
own box, so a phone never scrolls the page sideways.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from wulian_core._html import escape as _e
from wulian_core._labels import Lang, heading, label
from wulian_core.model import ServiceArea
from wulian_core.simulation import Quarter
from wulian_core.volunteering import MonthVolunteering

__all__ = ["area_name", "volunteering_section"]


def area_name(area: ServiceArea, lang: Lang) -> str:
    """A service area as the report names it: Chinese with the English beside, or English.

    >>> area_name(ServiceArea.ELDERLY_CARE, "zh"), area_name(ServiceArea.ELDERLY_CARE, "en")
    ('养老服务 elderly care', 'elderly care')
    """
    english = area.value.replace("_", " ")
    return english if lang == "en" else f"{area.label_zh} {english}"


def _h(key: str, lang: Lang) -> str:
    if lang == "en":
        return _e(label(key, "en"))
    return f'{_e(label(key))} <span class="en">{_e(label(key, "en"))}</span>'


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 1) -> str:
    header = "".join(f"<th>{h}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{cell}</td>' if i >= numeric_from else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f'<div class="scroll"><table><tr>{header}</tr>{body}</table></div>'


def _rate(part: int, whole: int) -> str:
    return "–" if whole == 0 else f"{float(Fraction(part, whole) * 100):.1f}%"


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}"


def _by_area(months: Sequence[MonthVolunteering], lang: Lang) -> str:
    head = [_h("service_area", lang), *(m.month.isoformat()[:7] for m in months)]
    head.append(_h("total", lang))
    rows = []
    for area in ServiceArea:  # all eight of Shaanxi's plan, none held shown as 0
        counts = [m.held.get(area, 0) for m in months]
        rows.append([_e(area_name(area, lang)), *map(str, counts), str(sum(counts))])
    for key, counts in (
        ("cancelled", [m.cancelled for m in months]),
        ("not_held", [m.not_held for m in months]),
        ("activities", [m.activities for m in months]),
    ):
        rows.append([f"<b>{_h(key, lang)}</b>", *map(str, counts), str(sum(counts))])
    return _table(head, rows)


def _attendance(months: Sequence[MonthVolunteering], lang: Lang) -> str:
    keys = ("signed_up", "waitlisted", "attended", "attendance_rate", "certified_hours")
    head = [_h("month", lang), *(_h(k, lang) for k in keys)]
    rows = [
        [
            m.month.isoformat()[:7],
            str(m.signed_up),
            str(m.waitlisted),
            str(m.attended),
            _rate(m.attended, m.signed_up),
            _hours(m.certified_minutes),
        ]
        for m in months
    ]
    signed, attended = sum(m.signed_up for m in months), sum(m.attended for m in months)
    rows.append(
        [
            f"<b>{_h('total', lang)}</b>",
            str(signed),
            str(sum(m.waitlisted for m in months)),
            str(attended),
            _rate(attended, signed),
            _hours(sum(m.certified_minutes for m in months)),
        ]
    )
    return _table(head, rows)


def _needs(quarter: Quarter, lang: Lang) -> str:
    names = {r.code: r.name for r in quarter.directory.regions}
    found = quarter.volunteering.needs_by_community()
    head = [_h(k, lang) for k in ("community", "needs", "needs_met", "needs_open")]
    rows = [
        [
            f"{_e(names.get(n.community, n.community))} <code>{_e(n.community)}</code>",
            str(n.raised),
            str(n.met),
            str(n.open),
        ]
        for n in found
    ]
    rows.append(
        [
            f"<b>{_h('total', lang)}</b>",
            str(sum(n.raised for n in found)),
            str(sum(n.met for n in found)),
            str(sum(n.open for n in found)),
        ]
    )
    return _table(head, rows)


def volunteering_section(quarter: Quarter, lang: Lang) -> str:
    """The section: a note on what was simulated, then its three tables."""
    months = quarter.volunteering.months()
    sim = f'<span class="badge">{_e(heading("simulated", lang))}</span>'
    note = _e(label("volunteering_note", lang))
    if lang != "en":
        note += f"<br>{_e(label('volunteering_note', 'en'))}"
    return f"""<h2>{_h("volunteering", lang)} {sim}</h2>
<p class="note">{note}</p>
<h3>{_h("activities_by_area", lang)}</h3>
{_by_area(months, lang)}
<h3>{_h("signup_attendance", lang)}</h3>
{_attendance(months, lang)}
<h3>{_h("needs_by_community", lang)}</h3>
{_needs(quarter, lang)}
"""
