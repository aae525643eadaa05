"""The district demo: the article's Kangbashi, summed up in Chinese and English.

Every figure says where it comes from: ``[文章 article]`` marks the article's own
figures (:data:`ARTICLE_SOURCE`), which the synthetic district reproduces;
``[模拟 simulated]`` marks what the seed invented. Each date says what it is: the
directory is counted as of the article's time (:data:`ARTICLE_DATE`), the quarter is
simulated over its own months, and its targets are evaluated on the quarter's last day.

>>> from wulian_core import synth
>>> text = summary(synth.kangbashi(seed=0), as_of=ARTICLE_DATE)
>>> "登记注册社会组织 registered social organizations: 116" in text
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from dateutil.relativedelta import relativedelta

from ._demo_money import ROLLOUT_DATE, purchase_lines, rollout_lines, settlement_lines
from ._html_report.outcomes import target_outcomes
from ._html_report.volunteering import area_name
from ._labels import ARTICLE_SOURCE as _ARTICLE_SOURCE
from ._labels import Lang, check_lang, heading, label
from .calendar import SHANGHAI
from .directory import Directory
from .errors import InvalidValue
from .escalation import EscalationPolicy
from .model import RegionLevel, Registration, Role, StationLevel
from .simulation import Quarter
from .synth import KANGBASHI, YUEHE

__all__ = [
    "ARTICLE_DATE",
    "ARTICLE_SOURCE",
    "ROLLOUT_DATE",
    "load_quarter",
    "quarter_summary",
    "save_quarter",
    "summary",
]

ARTICLE_DATE = dt.date(2022, 6, 30)
"""The date the demo counts as of: mid-2022, when the article describes the district."""

ARTICLE_SOURCE = _ARTICLE_SOURCE
"""The article the district's real figures come from (4 streets, 19 communities, 116
registered organizations, 15 community workers per community, 352万元 of purchased services)."""


def _mark(kind: str, lang: Lang) -> str:
    """Where a figure comes from: the article, or the simulation."""
    return f"[{heading('article_mark' if kind == 'article' else 'simulated_mark', lang)}]"


def summary(
    directory: Directory, *, as_of: dt.date, district: str = KANGBASHI, lang: str = "zh"
) -> str:
    """A short, readable summary of a district directory, in Chinese with English beside.

    Counts organizations, posts and stations as of ``as_of``; ``lang="en"`` in English.

    >>> from wulian_core import synth
    >>> print(summary(synth.kangbashi(), as_of=ARTICLE_DATE).splitlines()[3])
      社区 communities: 19 (悦和社区 150603001001 among them) [文章 article]
    """
    from .regions import RegionCode

    language = check_lang(lang)
    art, sim = _mark("article", language), _mark("simulated", language)
    code = RegionCode(district)
    region = directory.region(code)
    communities = directory.communities(within=code)
    streets = directory.regions_at(RegionLevel.TOWNSHIP, within=code)
    organizations = directory.organizations_of(code, as_of=as_of)
    registered = sum(o.registration is Registration.REGISTERED for o in organizations)
    workers = directory.posts_of(code, role=Role.COMMUNITY_WORKER, as_of=as_of)
    grid_team = [p for p in directory.posts_of(code, as_of=as_of) if p.role.is_grid_team]
    liaisons = directory.posts_of(code, role=Role.LIAISON, as_of=as_of)
    stations = directory.stations_of(code.parent or code, as_of=as_of)
    by_level = {
        level: sum(
            s.level is level and (s.region.startswith(code) or code.startswith(s.region))
            for s in stations
        )
        for level in StationLevel
    }
    residents = directory.residents_of(code)
    floating = sum(r.floating for r in residents)
    yuehe_residents = directory.residents_of(YUEHE) if YUEHE in directory else ()
    yuehe_floating = sum(r.floating for r in yuehe_residents)
    year_start = dt.date(as_of.year, 1, 1)
    activities = directory.activities_of(code, between=(year_start, as_of))
    joint = sum(a.is_joint for a in activities)
    article = code == KANGBASHI
    real = art if article else sim
    lines = [
        f"{region.name} ({code}), {label('as_of', language)} {as_of.isoformat()}"
        + (f" ({heading('demo_article_time', language)})" if article else ""),
        f"  {heading('demo_source', language)}: {ARTICLE_SOURCE} {art};"
        f" {heading('demo_everything_else_simulated', language)} {sim}"
        if article
        else f"  {heading('demo_simulated_data', language)} {sim}",
        f"  {heading('demo_streets', language)}: {len(streets)} {real}",
        f"  {heading('demo_communities', language)}: {len(communities)}"
        + (f" (悦和社区 {YUEHE} among them)" if YUEHE in directory else "")
        + f" {real}",
        f"  {heading('demo_registered_organizations', language)}: {registered}"
        f" {real}; {heading('demo_filed', language)} +{len(organizations) - registered} {sim}",
        f"  {heading('demo_community_workers', language)}: {len(workers)},"
        f" {len(workers) / max(len(communities), 1):.1f} per community on average {real}",
        f"  {heading('demo_stations', language)}: "
        + ", ".join(
            f"{level.value if language == 'en' else f'{level.label_zh} ({level.value})'}"
            f" {by_level[level]}"
            for level in StationLevel
        )
        + f" {sim}",
        f"  {heading('demo_grid_team', language)}: {len(grid_team)};"
        f" {heading('demo_liaisons', language)}: {len(liaisons)} {sim}",
        f"  {heading('demo_residents_on_record', language)}: {len(residents)},"
        f" {heading('demo_floating_population', language)} {floating}"
        + (f"; 悦和社区 {yuehe_floating} of {len(yuehe_residents)}" if yuehe_residents else "")
        + f" {sim}",
        f"  {heading('demo_activities', language)} {year_start.isoformat()} to {as_of.isoformat()}:"
        f" {len(activities)}, {heading('demo_joint', language)} {joint} {sim}",
    ]
    if article:  # the article's figure: 352万元 of purchased services, 2019-2021
        lines += purchase_lines(directory, article=art, sim=sim, lang=language)
        lines += rollout_lines(directory, sim=sim, lang=language)
    return "\n".join(lines)


def _percent(rate: Fraction | None) -> str:
    return "n/a" if rate is None else f"{float(rate) * 100:.1f}%"


def quarter_summary(
    quarter: Quarter,
    *,
    gaps: int | None = None,
    names: Mapping[str, str] | None = None,
    lang: str = "zh",
) -> str:
    """The simulated quarter in a few lines, in Chinese with English beside.

    Cases resolved by level, the on-time and satisfaction rates, points issued and
    redeemed, the moral-points leaders (masked names, with their community), the
    settlement, volunteering (activities per month by service area, sign-ups against
    attendance, needs met and open per community), and every target of the policy: met,
    not met, or with no subjects here. ``gaps`` keeps only
    that many targets not met (all by default); ``names`` maps holder ids to names
    where the quarter's directory does not know them. Every figure is simulated.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.simulation import simulate_quarter
    >>> q = simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"),
    ...                      seed=0)
    >>> print(quarter_summary(q))  # doctest: +ELLIPSIS
    模拟一个季度 simulated quarter 2024-08-01 to 2024-10-31 (seed 0) [模拟 simulated]
      诉求 cases opened: ...
    """
    from ._labels import masked_name

    language = check_lang(lang)
    if gaps is not None and (type(gaps) is not int or gaps < 0):
        raise InvalidValue("gaps", gaps, "must be a whole number >= 0 or None")
    figures = quarter.stats
    levels = {level.id: level for level in quarter.policy.levels}
    by_level = ", ".join(
        (
            f"{name} {count}"
            if language == "en"
            else f"{levels[name].label_zh if name in levels else name} {name} {count}"
        )
        for name, count in quarter.resolved_by_level
    )
    known = dict(names or {})
    people = {p.id: p.name for p in quarter.directory.persons}
    places = {r.code: r.name for r in quarter.directory.regions}
    leaders = ", ".join(
        f"#{r.rank} {masked_name(known.get(r.holder) or people.get(r.holder, r.holder))}"
        f" {places.get(r.community, r.community)} ({r.value})"
        for r in quarter.moral_leaders[:3]
    )
    outcomes = target_outcomes(quarter.report)
    met = sum(o == "met" for _, _, o in outcomes)
    measured = sum(o not in ("no_subjects", "not_applicable") for _, _, o in outcomes)
    sim = _mark("simulated", language)
    lines = [
        f"{heading('demo_simulated_quarter', language)} {quarter.start.isoformat()}"
        f" to {quarter.end.isoformat()} (seed {quarter.seed}) {sim}",
        f"  {heading('demo_cases', language)}:"
        f" {figures.opened}; {heading('demo_resolved', language)}: {figures.resolved} ({by_level})",
        f"  {heading('demo_self_escalations', language)}:"
        f" {quarter.self_escalated} {heading('demo_events', language)},"
        f" {heading('demo_over', language)} {quarter.self_escalated_cases}"
        f" {heading('demo_cases_counted', language)}",
        f"  {heading('demo_on_time', language)}: {_percent(figures.on_time_rate)};"
        f" {heading('demo_satisfaction', language)}: {_percent(figures.satisfaction_rate)}"
        f" ({figures.satisfied} of {figures.rated} ratings)",
        f"  {heading('demo_points_issued', language)}:"
        f" {quarter.points_issued}; {heading('demo_redeemed', language)}:"
        f" {quarter.points_redeemed} at the {heading('points_supermarket', language)}",
        f"  {heading('demo_moral_points', language)}: {quarter.moral_awards} awards;"
        f" leaders {leaders or 'none'}",
        *settlement_lines(quarter, sim=sim, lang=language),
        *_volunteering_lines(quarter, language, sim),
        f"  {heading('demo_targets', language)} ({quarter.report.targets.name},"
        f" {label('as_of', language)} {quarter.end.isoformat()},"
        f" {heading('demo_last_day', language)}):"
        f" {met} of {measured} met; {len(outcomes) - measured} with no subjects here",
    ]
    shown = 0
    for target, total, outcome in outcomes:
        if outcome == "not_met":
            if gaps is not None and shown >= gaps:
                continue
            shown += 1
        word = heading(outcome, language)
        title = target.title_en if language == "en" else f"{target.title_zh} / {target.title_en}"
        figures_text = (
            f": {total.met} of {total.subjects} met, {total.shortfall} short"
            if total is not None and total.subjects
            else ""
        )
        lines.append(f"    {word}: {title}{figures_text}")
    return "\n".join(lines)


def _volunteering_lines(quarter: Quarter, lang: Lang, sim: str) -> list[str]:
    """The quarter's activities per month by service area, sign-ups against attendance,
    and needs met and open per community: the figures the report's tables show."""
    months = quarter.volunteering.months()
    needs = quarter.volunteering.needs_by_community()
    places = {r.code: r.name for r in quarter.directory.regions}
    signed, came = sum(m.signed_up for m in months), sum(m.attended for m in months)
    lines = [
        f"  {heading('volunteering', lang)}: {heading('activities', lang)}"
        f" {sum(m.activities for m in months)}, {heading('held', lang)}"
        f" {sum(sum(m.held.values()) for m in months)}, {heading('cancelled', lang)}"
        f" {sum(m.cancelled for m in months)}, {heading('not_held', lang)}"
        f" {sum(m.not_held for m in months)} {sim}",
    ]
    for m in months:
        areas = ", ".join(f"{area_name(area, lang)} {count}" for area, count in m.held.items())
        lines.append(
            f"    {m.month.isoformat()[:7]}: {areas or '-'}; {heading('signed_up', lang)}"
            f" {m.signed_up} ({heading('waitlisted', lang)} {m.waitlisted}),"
            f" {heading('attended', lang)} {m.attended}"
            f" ({_percent(Fraction(m.attended, m.signed_up) if m.signed_up else None)}),"
            f" {heading('certified_hours', lang)} {m.certified_minutes / 60:.1f}"
        )
    lines.append(
        f"    {heading('total', lang)}: {heading('signed_up', lang)} {signed},"
        f" {heading('attended', lang)} {came}"
        f" ({_percent(Fraction(came, signed) if signed else None)})"
    )
    raised, met = sum(n.raised for n in needs), sum(n.met for n in needs)
    lines.append(
        f"  {heading('needs', lang)}: {raised}, {heading('needs_met', lang)} {met},"
        f" {heading('needs_open', lang)} {raised - met} {sim}"
    )
    lines.append(
        f"    {heading('needs_by_community', lang)} ({heading('met_of_needs', lang)}): "
        + ", ".join(f"{places.get(n.community, n.community)} {n.met}/{n.raised}" for n in needs)
    )
    return lines


# --- the quarter in the event store (wulian demo --store, wulian report --store) ---------


def save_quarter(quarter: Quarter, store: Any) -> int:
    """Write every event of the quarter into ``store`` in one unit of work; the last position.

    Its cases, passbooks, catalogue and community activities go in as streams. The
    directory is not event-sourced, nor are the residents' needs and their matches: the
    seed, start and district go in a small table of their own (``wulian_demo``), so that
    :func:`load_quarter` can simulate them again.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.simulation import simulate_quarter
    >>> from wulian_core.store import SQLiteStore
    >>> q = simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"),
    ...                      seed=0)
    >>> store = SQLiteStore(":memory:", clock=lambda: dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    >>> store.create()
    >>> save_quarter(q, store) == store.head() > 3000
    True
    """
    with store.transaction() as tx:
        tx.execute(
            "CREATE TABLE IF NOT EXISTS wulian_demo (seed INTEGER NOT NULL, "
            "start TEXT NOT NULL, district TEXT NOT NULL)"
        )
        tx.execute("DELETE FROM wulian_demo")
        tx.execute(
            "INSERT INTO wulian_demo (seed, start, district) VALUES (?, ?, ?)",
            (quarter.seed, quarter.start.isoformat(), str(quarter.district)),
        )
    with store.unit_of_work() as uow:
        for case in quarter.cases:
            uow.cases.add(case)
        for book in quarter.passbooks:
            uow.passbooks.add(book)
        uow.catalogues.add(quarter.catalogue)
        for activity in quarter.volunteering.activities:
            uow.activities.add(activity)
        return int(uow.commit())


def load_quarter(store: Any, *, targets: Any) -> Quarter:
    """The quarter :func:`save_quarter` wrote, rebuilt from the stored events.

    Cases, passbooks, the catalogue and the community activities are replayed from the
    store; the figures are computed from them again; the directory is rebuilt from the
    stored seed (it is synthetic) and held against ``targets``. The residents' needs and
    their matches are not event-sourced: they are simulated again from the stored seed.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.simulation import simulate_quarter
    >>> from wulian_core.store import SQLiteStore
    >>> plan = policies.load("shaanxi-2022")
    >>> q = simulate_quarter(synth.kangbashi(seed=0), targets=plan, seed=0)
    >>> store = SQLiteStore(":memory:", clock=lambda: dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    >>> store.create()
    >>> _ = save_quarter(q, store)
    >>> again = load_quarter(store, targets=plan)
    >>> again.stats == q.stats, [c.events for c in again.cases] == [c.events for c in q.cases]
    (True, True)
    >>> [a.events for a in again.volunteering.activities] == [
    ...     a.events for a in q.volunteering.activities]
    True
    >>> from wulian_core.html_report import render
    >>> render(again) == render(q)
    True
    """
    from .errors import NotFound
    from .escalation import SWEEP_ACTOR, CaseEscalated, stats
    from .points import AccountRole, Ledger, MoralPointsAwarded, rank_passbooks
    from .regions import RegionCode
    from .rules import evaluate
    from .simulation import WeekPoints
    from .store import STREAM_KINDS, StreamId
    from .synth import kangbashi
    from .volunteering import QuarterVolunteering
    from .volunteering import simulate_quarter as simulate_volunteering

    with store.transaction() as tx:
        found = tx.execute("SELECT seed, start, district FROM wulian_demo")
    if not found:
        raise NotFound("demo quarter", store)
    seed, start_text, district_text = found[0]
    start, district = dt.date.fromisoformat(start_text), RegionCode(district_text)
    ids = {kind: store.stream_ids(kind) for kind in STREAM_KINDS}
    cases = tuple(store.load(StreamId("case", i)) for i in ids["case"])
    books = tuple(store.load(StreamId("passbook", i)) for i in ids["passbook"])
    (shop,) = (store.load(StreamId("catalogue", i)) for i in ids["catalogue"])
    activities = tuple(store.load(StreamId("activity", i)) for i in ids["activity"])
    directory = kangbashi(seed=seed)
    end = start + relativedelta(months=3) - dt.timedelta(days=1)
    policy = cases[0].policy if cases else EscalationPolicy.kangbashi()
    midnight = dt.time(0, tzinfo=SHANGHAI)
    between = (
        dt.datetime.combine(start, midnight),
        dt.datetime.combine(end + dt.timedelta(days=1), midnight),
    )
    figures = stats(cases, between=between)
    order = {level.id: i for i, level in enumerate(policy.levels)}
    weeks = [start]
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7 or 7)
    while monday <= end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    issued, redeemed = dict.fromkeys(weeks, 0), dict.fromkeys(weeks, 0)
    for book in books:
        for entry in book.entries():
            local = entry.at.astimezone(SHANGHAI).date()
            if entry.ledger is not Ledger.MATERIAL or not start <= local <= end:
                continue
            week = max(w for w in weeks if w <= local)
            if entry.source.role is AccountRole.ISSUER and entry.target.role is AccountRole.HOLDER:
                issued[week] += entry.amount
            elif entry.target.role is AccountRole.REDEMPTION_POINT:
                redeemed[week] += entry.amount
    # The needs and their matches are not event-sourced: simulated again from the stored
    # seed (which walks the same random stream as the demo did), and shown with the
    # activities as stored.
    simulated = simulate_volunteering(
        directory, seed=seed, start=start.replace(day=1), within=district
    )
    volunteering = QuarterVolunteering(
        activities=activities,
        needs=simulated.needs,
        matches=simulated.matches,
        met=simulated.met,
    )
    weekly = tuple(WeekPoints(week=w, issued=issued[w], redeemed=redeemed[w]) for w in weeks)
    return Quarter(
        seed=seed,
        start=start,
        end=end,
        district=district,
        policy=policy,
        cases=cases,
        passbooks=books,
        catalogue=shop,
        report=evaluate(targets, directory, as_of=end, within=district),
        stats=figures,
        resolved_by_level=tuple(
            sorted(figures.resolved_at, key=lambda pair: order.get(pair[0], 99))
        ),
        self_escalated=sum(
            isinstance(e, CaseEscalated) and e.by == SWEEP_ACTOR for c in cases for e in c.events
        ),
        points_issued=sum(w.issued for w in weekly),
        points_redeemed=sum(w.redeemed for w in weekly),
        moral_awards=sum(isinstance(e, MoralPointsAwarded) for b in books for e in b.events),
        moral_leaders=tuple(rank_passbooks(books, on=end, ledger=Ledger.MORAL)[:5]),
        weekly_points=weekly,
        self_escalated_cases=sum(
            any(isinstance(e, CaseEscalated) and e.by == SWEEP_ACTOR for e in c.events)
            for c in cases
        ),
        directory=directory,
        volunteering=volunteering,
    )
