"""The report's inline SVG charts: bars with a percent axis, the funnel, weekly points.

Each chart scales to its container (``viewBox``, ``width="100%"``), so a phone shows it
whole without scrolling sideways. Axes carry ticks and say their unit. Every text from
the data is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from wulian_core._html import escape as _e

__all__ = ["BLUE", "GREEN", "GREY", "RED", "bars", "funnel", "nice_ticks", "weekly_chart"]

BLUE = "#3a7bd5"
RED = "#d9534f"
GREEN = "#3c9d5d"
GREY = "#b8b8b8"


def nice_ticks(top: int, *, count: int = 5) -> list[int]:
    """Round tick values from 0 up to at least ``top``: steps of 1, 2 or 5 times a power of ten.

    >>> nice_ticks(105), nice_ticks(0), nice_ticks(7)
    ([0, 50, 100, 150], [0, 1], [0, 2, 4, 6, 8])
    """
    if top <= 0:
        return [0, 1]
    raw = top / max(count - 1, 1)
    magnitude = 1
    while magnitude * 10 <= raw:
        magnitude *= 10
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = [0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def bars(rows: Sequence[tuple[str, float | None, bool]], *, title: str, axis: str) -> str:
    """Horizontal bars of a share in per cent, with a 0-100 % axis; ``None`` is drawn as absent.

    A row's flag says whether its target is met: green when it is, blue when not, so a
    target met by its required share (not every subject) still reads as met. A row with
    no value (no subjects here) is a grey dash, never a zero.
    """
    left, width = 330, 360
    height = 22 * len(rows) + 50
    parts = [
        f'<svg class="chart bars" role="img" width="100%" viewBox="0 0 760 {height}"'
        f' preserveAspectRatio="xMinYMin meet"><title>{_e(title)}</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        x = left + width * tick / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height - 30}" stroke="#ddd"/>'
            f'<text x="{x:.1f}" y="{height - 16}" text-anchor="middle">{tick}%</text>'
        )
    parts.append(f'<text x="{left}" y="{height - 2}">{_e(axis)}</text>')
    for i, (label, value, met) in enumerate(rows):
        y = 20 + 22 * i
        parts.append(f'<text x="0" y="{y + 13}">{_e(label)}</text>')
        if value is None:
            parts.append(
                f'<line x1="{left}" y1="{y + 8}" x2="{left + 20}" y2="{y + 8}" stroke="{GREY}"'
                f' stroke-width="3"/><text x="{left + 26}" y="{y + 13}" fill="#777">–</text>'
            )
            continue
        bar = width * value / 100
        colour = GREEN if met else BLUE
        parts.append(
            f'<rect x="{left}" y="{y}" width="{bar:.1f}" height="16" fill="{colour}"/>'
            f'<text x="{left + bar + 5:.1f}" y="{y + 13}">{value:.0f}%</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def funnel(rows: Sequence[tuple[str, int]], *, title: str) -> str:
    """A centred funnel: one band per level, as wide as the cases that reached it."""
    height = 40 * len(rows) + 20
    top = max((n for _, n in rows), default=0) or 1
    parts = [
        f'<svg class="chart funnel" role="img" width="100%" viewBox="0 0 760 {height}"'
        f' preserveAspectRatio="xMinYMin meet"><title>{_e(title)}</title>'
    ]
    for i, (label, count) in enumerate(rows):
        width = max(4.0, 420.0 * count / top)
        x = 300 - width / 2
        y = 10 + 40 * i
        # The label stands beside the band in dark text: a narrow band cannot hide it.
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="32" fill="{BLUE}"'
            f' opacity="{max(0.35, 1 - 0.15 * i):.2f}"/>'
            f'<text x="{x + width + 8:.1f}" y="{y + 21}">{_e(label)}: {count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def weekly_chart(
    rows: Sequence[tuple[str, int, int]], *, title: str, unit: str, legend: tuple[str, str]
) -> str:
    """Paired bars per week, issued (blue) and redeemed (red), on a y-axis with round ticks."""
    width, left, bottom = 760, 56, 230
    height = bottom + 60
    ticks = nice_ticks(max((max(a, b) for _, a, b in rows), default=0))
    top = ticks[-1]
    step = (width - left - 10) / max(len(rows), 1)
    bar = max(2.0, step / 2 - 2)
    parts = [
        f'<svg class="chart weekly" role="img" width="100%" viewBox="0 0 {width} {height}"'
        f' preserveAspectRatio="xMinYMin meet"><title>{_e(title)}</title>'
        f'<text x="0" y="12">{_e(unit)}</text>'
    ]
    for tick in ticks:
        y = bottom - (bottom - 24) * tick / top
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 5}" y2="{y:.1f}" stroke="#e2e2e2"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{width - 5}" y2="{bottom}" stroke="#999"/>')
    for i, (label, issued, redeemed) in enumerate(rows):
        x = left + step * i
        for j, (value, colour) in enumerate(((issued, BLUE), (redeemed, RED))):
            h = (bottom - 24) * value / top
            parts.append(
                f'<rect x="{x + j * (bar + 1):.1f}" y="{bottom - h:.1f}" width="{bar:.1f}"'
                f' height="{h:.1f}" fill="{colour}"><title>{_e(label)}: {value}</title></rect>'
            )
        if i % 2 == 0:
            parts.append(f'<text x="{x:.1f}" y="{bottom + 14}">{_e(label[5:])}</text>')
    issued_label, redeemed_label = legend
    parts.append(
        f'<rect x="{left}" y="{bottom + 30}" width="10" height="10" fill="{BLUE}"/>'
        f'<text x="{left + 14}" y="{bottom + 39}">{_e(issued_label)}</text>'
        f'<rect x="{left + 200}" y="{bottom + 30}" width="10" height="10" fill="{RED}"/>'
        f'<text x="{left + 214}" y="{bottom + 39}">{_e(redeemed_label)}</text></svg>'
    )
    return "".join(parts)
