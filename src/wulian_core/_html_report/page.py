"""The quarter's page: what it is (district, simulated, the article's figures), then its figures.

Labels come from the one table (``wulian_core._labels``): Chinese with the English beside
by default, English alone with ``lang="en"``. People are shown by masked name with their
community's name; wide tables scroll inside their own box, so a phone never scrolls the
page sideways.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from wulian_core._html import escape as _e
from wulian_core._labels import ARTICLE_SOURCE, Lang, heading, label, masked_name
from wulian_core.escalation import CaseEscalated, CaseOpened
from wulian_core.model import RegionLevel, Registration, Role
from wulian_core.rules import Finding, RollUp, Status
from wulian_core.simulation import Quarter
from wulian_core.synth import KANGBASHI, kangbashi_purchases

from .charts import bars, funnel, weekly_chart
from .money import money_section
from .outcomes import target_outcomes
from .volunteering import volunteering_section

__all__ = ["STYLESHEET", "quarter_page", "standalone"]

STYLESHEET = """
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;
padding:1.2em;color:#222;max-width:1100px;line-height:1.45}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
.badge{display:inline-block;background:#a11;color:#fff;border-radius:3px;padding:0 .4em;
font-size:.8em;vertical-align:middle}.badge.article{background:#17692f}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;
text-align:left;font-size:.9em;vertical-align:top}th{background:#f3f3f3;white-space:nowrap}
td.num{text-align:right;white-space:nowrap}.met{color:#17692f}.gap{color:#a11}.none{color:#777}
.status{white-space:nowrap}.en{color:#666;font-size:.9em}.note{color:#555;font-size:.9em}
.figures{display:flex;flex-wrap:wrap;gap:.6em 2em;padding:0;list-style:none}
svg{max-width:100%;height:auto;display:block}svg text{font-size:11px;font-family:inherit}
@media (max-width:600px){body{padding:.6em}h1{font-size:1.3em}td,th{font-size:.8em}
th{white-space:normal}}
"""
"""The report's stylesheet; :func:`standalone` puts it on any fragment, a report's table say."""


def standalone(body: str, *, title: str, lang: Lang = "zh", scroll: bool = True) -> str:
    """A whole HTML page around ``body`` (already HTML), styled like the quarterly report.

    With ``scroll`` the body scrolls sideways inside its own box when it is wider than
    the screen (a wide table), so the page itself never does.
    """
    code = "en" if lang == "en" else "zh-CN"
    inner = f'<div class="scroll">{body}</div>' if scroll else body
    return (
        f'<!DOCTYPE html>\n<html lang="{code}"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title><style>{STYLESHEET}</style></head>\n"
        f"<body>{inner}</body></html>\n"
    )


def _h(key: str, lang: Lang) -> str:
    """A heading from the table, the English half dimmed."""
    if lang == "en":
        return _e(label(key, "en"))
    return f'{_e(label(key))} <span class="en">{_e(label(key, "en"))}</span>'


def _table(head: Sequence[str], rows: Sequence[str]) -> str:
    header = "".join(f"<th>{h}</th>" for h in head)
    return f'<div class="scroll"><table><tr>{header}</tr>{"".join(rows)}</table></div>'


def _percent(rate: Fraction | None) -> str:
    return "–" if rate is None else f"{float(rate) * 100:.1f}%"


def _clip(text: str, most: int) -> str:
    """At most ``most`` characters, with an ellipsis where it was cut (never silently)."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _title(target: object, lang: Lang) -> str:
    return str(getattr(target, "title_en" if lang == "en" else "title_zh"))


def _reached(quarter: Quarter, lang: Lang) -> list[tuple[str, int]]:
    """How many cases reached each level (opened there or escalated to it)."""
    ids = [level.id for level in quarter.policy.levels]
    reached = dict.fromkeys(ids, 0)
    for case in quarter.cases:
        seen = {e.level for e in case.events if isinstance(e, CaseOpened | CaseEscalated)}
        for level in seen:
            if level in reached:
                reached[level] += 1
    names = {level.id: level.label_zh for level in quarter.policy.levels}
    return [(i if lang == "en" else f"{names[i]} {i}", reached[i]) for i in ids]


_OUTCOME = {
    "met": ("met", "met"),
    "not_met": ("not_met", "gap"),
    "undefined": ("undefined", "none"),
    "no_subjects": ("no_subjects", "none"),
    "not_applicable": ("not_applicable", "none"),
}


def _targets_table(quarter: Quarter, lang: Lang) -> str:
    rows = []
    for target, total, outcome in target_outcomes(quarter.report):
        key, css = _OUTCOME[outcome]
        count = f"{total.met} / {total.subjects}" if total is not None and total.subjects else "–"
        short = str(total.shortfall) if total is not None and total.subjects else "–"
        title = _e(_title(target, lang))
        if lang != "en":
            title += f'<br><span class="en">{_e(target.title_en)}</span>'
        rows.append(
            f"<tr><td>{title}</td><td><code>{_e(target.id)}</code></td>"
            f'<td class="status {css}">{_h(key, lang)}</td><td class="num">{count}</td>'
            f'<td class="num">{short}</td></tr>'
        )
    head = [_h(k, lang) for k in ("target", "target_id", "status", "met", "short")]
    return _table(head, rows)


def _township_table(quarter: Quarter, lang: Lang) -> str:
    rollups = quarter.report.rollups(level=RegionLevel.TOWNSHIP)
    order = [t.id for t in quarter.report.targets.targets]
    targets = sorted({r.target for r in rollups}, key=order.index)
    towns: dict[str, dict[str, RollUp]] = {}
    for r in rollups:
        towns.setdefault(r.name, {})[r.target] = r
    head = [_h("township", lang)]
    for t in targets:
        target = quarter.report.target(t)
        # A short Chinese (or English) title, the id beneath: never the slug alone.
        head.append(
            f'<span title="{_e(_title(target, lang))}">{_e(_clip(_title(target, lang), 14))}</span>'
            f'<br><code class="en">{_e(t)}</code>'
        )
    body = []
    for name, row in towns.items():
        cells = []
        for t in targets:
            found = row.get(t)
            if found is None or found.subjects == 0:
                cells.append('<td class="num none">–</td>')
                continue
            css = "met" if found.status is Status.MET else "gap"
            cells.append(f'<td class="num {css}">{found.met}/{found.subjects}</td>')
        body.append(f"<tr><th>{_e(name)}</th>{''.join(cells)}</tr>")
    return _table(head, body)


def _article_table(quarter: Quarter, lang: Lang) -> str:
    """The article's figures beside what the synthetic district holds on the article's date."""
    import datetime as dt

    directory = quarter.directory
    code = quarter.district
    if code != KANGBASHI or code not in directory:
        return ""  # the article describes Kangbashi only
    on = dt.date(2022, 6, 30)
    communities = directory.communities(within=code)
    organizations = directory.organizations_of(code, as_of=on)
    registered = sum(o.registration is Registration.REGISTERED for o in organizations)
    workers = directory.posts_of(code, role=Role.COMMUNITY_WORKER, as_of=on)
    streets = directory.regions_at(RegionLevel.TOWNSHIP, within=code)
    per = len(workers) / max(len(communities), 1)
    spent = sum(p.paid for p in kangbashi_purchases(directory) if p.start.year <= 2021)
    en = lang == "en"
    rows = [
        ("街道", "streets", "4", str(len(streets))),
        ("社区", "communities", "19", str(len(communities))),
        ("登记注册社会组织", "registered social organizations", "116", str(registered)),
        ("平均每社区社区工作者", "community workers per community", "15", f"{per:.1f}"),
        ("购买社会组织服务 2019–2021", "services bought 2019–2021", "352万元", f"{spent:,} 元"),
    ]
    body = [
        f"<tr><td>{_e(e) if en else f'{_e(z)} <span class=en>{_e(e)}</span>'}</td>"
        f'<td class="num">{_e(a)}</td><td class="num">{_e(s)}</td></tr>'
        for z, e, a, s in rows
    ]
    head = [
        _h("figure", lang),
        _h("article", lang),
        f"{_h('simulated', lang)} ({_e(label('as_of', lang))} {on.isoformat()})",
    ]
    return _table(head, body)


def quarter_page(quarter: Quarter, *, title: str | None, lang: Lang) -> str:
    """The whole page; see :func:`wulian_core.html_report.render`."""
    report = quarter.report
    directory = quarter.directory
    en = lang == "en"
    page_title = title if title is not None else heading("report_title", lang)
    district = directory.region(quarter.district).name if quarter.district in directory else ""
    figures = quarter.stats
    outcomes = target_outcomes(quarter.report)
    compliance = [
        (
            f"{_clip(_title(target, lang), 22)} {target.id}",
            float(Fraction(total.met, total.subjects) * 100)
            if total is not None and total.subjects
            else None,
            outcome == "met",
        )
        for target, total, outcome in outcomes
    ]
    gaps = sorted(
        (f for f in report.gaps() if f.shortfall > 0), key=lambda f: (-f.shortfall, f.target)
    )
    per_target: dict[str, int] = {}
    shown: list[Finding] = []
    for f in gaps:
        if per_target.get(f.target, 0) < 3 and len(shown) < 12:
            per_target[f.target] = per_target.get(f.target, 0) + 1
            shown.append(f)
    gap_rows = [
        f"<tr><td>{_e(f.subject_name)}</td><td>{_e(_title(report.target(f.target), lang))}</td>"
        f'<td class="num">{f.shortfall}</td><td>'
        + (
            _e(f.shortfall_en)
            if en
            else f'{_e(f.shortfall_zh)}<br><span class="en">{_e(f.shortfall_en)}</span>'
        )
        + "</td></tr>"
        for f in shown
    ]
    levels = {level.id: level.label_zh for level in quarter.policy.levels}
    resolved_rows = [
        f"<tr><td>{_e(name) if en else f'{_e(levels.get(name, name))} {_e(name)}'}</td>"
        f'<td class="num">{count}</td></tr>'
        for name, count in quarter.resolved_by_level
    ]
    people = {p.id: p.name for p in directory.persons}
    places = {r.code: r.name for r in directory.regions}
    leaders = [
        f'<tr><td class="num">{r.rank}</td>'
        f"<td>{_e(masked_name(people[r.holder]) if r.holder in people else r.holder)}</td>"
        f"<td>{_e(places.get(r.community, r.community))}</td>"
        f'<td class="num">{r.value}</td></tr>'
        for r in quarter.moral_leaders
    ]
    weekly = [(w.week.isoformat(), w.issued, w.redeemed) for w in quarter.weekly_points]
    sim = f'<span class="badge">{_e(heading("simulated", lang))}</span>'
    art = f'<span class="badge article">{_e(heading("article", lang))}</span>'
    policy = report.targets.title_en if en else report.targets.title_zh
    fig = [
        ("cases_opened", str(figures.opened)),
        ("cases_resolved", str(figures.resolved)),
        ("on_time", _percent(figures.on_time_rate)),
        (
            "satisfaction",
            f"{_percent(figures.satisfaction_rate)} ({figures.satisfied}/{figures.rated})",
        ),
        ("self_escalations", str(quarter.self_escalated)),
        ("self_escalated_cases", str(quarter.self_escalated_cases)),
    ]
    legend = (heading("issued", lang), heading("redeemed", lang))
    figure_items = "".join(f"<li>{_h(k, lang)}: <b>{_e(v)}</b></li>" for k, v in fig)
    return standalone(
        f"""<h1>{_e(page_title)}</h1>
<p><b>{_e(district)}</b> <code>{_e(quarter.district)}</code> · {sim}</p>
<p class="note">{_e(label("simulated_note", lang))}{"" if en else f"<br>{_e(label('simulated_note', 'en'))}"}.
{_h("seed", lang)}: {quarter.seed}.</p>
<p>{_h("period", lang)}: <b>{quarter.start.isoformat()} – {quarter.end.isoformat()}</b> ·
{_h("as_of", lang)}: <b>{quarter.end.isoformat()}</b> ·
{_h("policy", lang)}: {_e(policy)} <code>{_e(report.targets.name)}</code></p>
<ul class="figures">{figure_items}</ul>
<h2>{_h("article", lang)} {art}</h2>
<p class="note">{_e(label("article_note", lang))} · {_h("source", lang)}: {_e(ARTICLE_SOURCE)}</p>
{_article_table(quarter, lang)}
<h2>{_h("all_targets", lang)} {sim}</h2>
{_targets_table(quarter, lang)}
<h2>{_h("compliance", lang)} <span class="en">({_e(label("compliance_note", lang))})</span></h2>
{bars(compliance, title=heading("compliance", lang), axis=heading("compliance_note", lang))}
<h2>{_h("per_township", lang)}</h2>
{_township_table(quarter, lang)}
<h2>{_h("shortfalls", lang)}</h2>
{_table([_h(k, lang) for k in ("subject", "target", "short", "detail")], gap_rows)}
<h2>{_h("funnel", lang)}</h2>
<p class="note">{_e(label("funnel_note", lang))}{"" if en else f"<br>{_e(label('funnel_note', 'en'))}"}</p>
{funnel(_reached(quarter, lang), title=heading("funnel", lang))}
{_table([_h("resolved_at", lang), _h("cases", lang)], resolved_rows)}
<h2>{_h("weekly_points", lang)}</h2>
<p>{_h("points_issued", lang)} <b>{quarter.points_issued}</b> ·
{_h("points_redeemed", lang)} <b>{quarter.points_redeemed}</b></p>
{weekly_chart(weekly, title=heading("weekly_points", lang), unit=heading("units_points", lang), legend=legend)}
{money_section(quarter)}{volunteering_section(quarter, lang)}<h2>{_h("moral_leaders", lang)}</h2>
<p class="note">{_e(label("moral_leaders_note", lang))}</p>
{_table([_h(k, lang) for k in ("rank", "holder", "community", "points")], leaders)}""",
        title=page_title,
        lang=lang,
        scroll=False,
    )
