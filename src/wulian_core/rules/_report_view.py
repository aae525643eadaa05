"""How a report shows itself: Jupyter's HTML (short, or in full) and rows for DataFrames.

The view reads the report through :class:`ReportView`, the few public queries it shows,
so it needs no import of the report. Labels come from the one table of labels
(``wulian_core._labels``), in Chinese by default or in English.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any, Protocol

from wulian_core._html import escape, table
from wulian_core._labels import Lang, heading, label

from ._findings import Finding, RollUp
from ._targetset import TargetSet

__all__ = [
    "FINDING_COLUMNS",
    "ROLLUP_COLUMNS",
    "SHORT_GAPS",
    "ReportView",
    "finding_row",
    "report_html",
    "rollup_row",
]

SHORT_GAPS = 10
"""How many gaps the short view lists; ``to_html(full=True)`` lists them all."""


class ReportView(Protocol):
    """What :func:`report_html` reads of a report."""

    @property
    def as_of(self) -> dt.date: ...
    @property
    def targets(self) -> TargetSet: ...
    def totals(self) -> tuple[RollUp, ...]: ...
    def not_applicable(self) -> tuple[str, ...]: ...
    def no_subjects(self) -> tuple[str, ...]: ...
    def gaps(self) -> tuple[Finding, ...]: ...


def finding_row(as_of: dt.date, finding: Finding) -> dict[str, Any]:
    """One finding as a row of typed values (enums, dates, exact numbers) for a frame.

    ``region_level`` is the subject's administrative level, named apart from a case's
    escalation level.
    """
    row = {"as_of": as_of, **finding.to_record()}
    del row["level"], row["status_zh"]
    row["region_level"] = finding.subject.level
    row["comparison"] = finding.comparison
    row["status"] = finding.status
    row["measured"] = finding.measured
    row["required"] = Fraction(finding.required)
    return row


def rollup_row(as_of: dt.date, rollup: RollUp) -> dict[str, Any]:
    """One roll-up as a row of typed values for a frame."""
    row = {"as_of": as_of, **rollup.to_record()}
    del row["level"], row["status_zh"]
    row["region_level"] = None if rollup.region is None else rollup.region.level
    row["status"] = rollup.status
    return row


FINDING_COLUMNS = (
    "as_of",
    "target",
    "kind",
    "subject",
    "subject_name",
    "region_level",
    "numerator",
    "denominator",
    "measured",
    "comparison",
    "required",
    "status",
    "shortfall",
    "shortfall_zh",
    "shortfall_en",
    "missing",
    "due_by",
    "overdue",
)
ROLLUP_COLUMNS = (
    "as_of",
    "region",
    "name",
    "region_level",
    "target",
    "subjects",
    "met",
    "not_met",
    "undefined",
    "share_met",
    "required",
    "status",
    "shortfall",
)


def report_html(report: ReportView, *, full: bool = False, lang: Lang = "zh") -> str:
    """The Jupyter view: every target's totals, then the first gaps (all with ``full``)."""
    targets = report.targets
    summary: list[list[Any]] = []
    for total in report.totals():
        target = targets.target(total.target)
        subjects = target.subjects.describe_en if lang == "en" else target.subjects.describe_zh
        summary.append(
            [
                target.id,
                target.title_en if lang == "en" else target.title_zh,
                subjects,
                f"{target.comparison.symbol} {target.threshold}",
                total.subjects,
                total.met,
                total.not_met,
                total.undefined,
                f"{total.met}/{total.subjects}" if total.subjects else label("no_subjects", lang),
            ]
        )
    for target_id in report.no_subjects():  # applies, but finds nothing to measure here
        target = targets.target(target_id)
        title = target.title_en if lang == "en" else target.title_zh
        summary.append([target.id, title, heading("no_subjects", lang), "", 0, "", "", "", ""])
    for target_id in report.not_applicable():
        target = targets.target(target_id)
        title = target.title_en if lang == "en" else target.title_zh
        summary.append([target.id, title, label("not_applicable", lang), "", "", "", "", "", ""])
    gaps = report.gaps()
    shown = gaps if full else gaps[:SHORT_GAPS]
    rows = [
        [
            g.subject,
            g.subject_name,
            g.target,
            g.status.label_en if lang == "en" else g.status.label_zh,
            g.shortfall_en if lang == "en" else g.shortfall_zh,
        ]
        for g in shown
    ]
    more = (
        f"<p>… {label('more', lang)} {len(gaps) - len(shown)} · {escape(label('full_view', lang))}"
        "</p>"
        if len(shown) < len(gaps)
        else ""
    )
    title = targets.title_en if lang == "en" else f"{targets.title_zh} — {targets.title_en}"
    return (
        f"<div><p><strong>{escape(title)}</strong> — {escape(label('as_of', lang))}"
        f" {escape(report.as_of.isoformat())}</p>"
        + table(
            [
                heading(key, lang)
                for key in (
                    "target_id",
                    "target",
                    "subject_kind",
                    "requirement",
                    "subjects",
                    "met",
                    "not_met",
                    "undefined",
                    "share",
                )
            ],
            summary,
        )
        + f"<p>{escape(heading('gaps', lang))}: {len(gaps)}</p>"
        + table(
            [heading(k, lang) for k in ("subject_code", "subject", "target", "status", "detail")],
            rows,
        )
        + more
        + "</div>"
    )
