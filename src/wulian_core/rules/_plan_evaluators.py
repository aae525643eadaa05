"""The evaluators of the plan's later kinds: volunteer growth, trainings, service reach,
and the regulations named; registered in :data:`~wulian_core.rules.DEFAULT_KINDS`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from dateutil.relativedelta import relativedelta

from ._context import Context, SubjectList
from ._kinds import Env, Measured, Row, generic_words
from ._plan_targets import ServiceReach, TrainingHeld, VolunteerGrowth

__all__ = ["Growth", "NamedRegulations", "Reach", "Trainings"]

Words = tuple[str, str, tuple[str, ...]]

_LEVEL_ZH = {"city": "市级", "county": "县级", "township": "乡镇（街道）级"}


class Growth:
    """Registered volunteers now and a year before, per subject; the growth is measured."""

    def measure(self, target: VolunteerGrowth, subjects: SubjectList, ctx: Context) -> Measured:
        as_of = ctx.as_of
        before = as_of + relativedelta(years=-1)
        digits = len(subjects.codes[0]) if subjects.codes else 12
        now: Counter[str] = Counter()
        then: Counter[str] = Counter()
        for volunteer in ctx.directory.volunteers:
            community = volunteer.community
            if community is None or volunteer.registered_on > as_of:
                continue
            key = community[:digits]
            now[key] += 1
            if volunteer.registered_on <= before:
                then[key] += 1
        codes = subjects.codes
        return (
            [max(0, now[c] - then[c]) for c in codes],
            None,
            [(now[c], then[c]) for c in codes],
        )

    def describe(self, target: VolunteerGrowth, row: Row, env: Env) -> Words:
        now, then = row.detail
        change = now - then
        zh = f"注册志愿者{now}人，上年同期{then}人，同比{change:+d}人"
        en = f"{now} registered volunteers, {then} a year before ({change:+d})"
        if target.comparison.wants_more:
            zh += f"；要求同比增加{target.threshold}人以上"
            en += f"; {target.threshold} or more new a year required"
        return zh, en, ()


class Trainings:
    """Trainings the subject itself held in the window."""

    def measure(self, target: TrainingHeld, subjects: SubjectList, ctx: Context) -> Measured:
        first, last = ctx.window(target.months)
        held = Counter(t.region for t in ctx.trainings if first <= t.on <= last)
        return [held[c] for c in subjects.codes], None, None

    def describe(self, target: TrainingHeld, row: Row, env: Env) -> Words:
        level = target.subjects.level.value
        if row.numerator == 0 and target.comparison.wants_more:
            return (
                f"近{target.months}个月未举办{_LEVEL_ZH.get(level, '')}培训",
                f"no {level} training held in the last {target.months} months",
                (),
            )
        zh, en = generic_words(target, row)
        return zh, en, ()


class Reach:
    """Activities in each community that its township's station organised, in the window."""

    def measure(self, target: ServiceReach, subjects: SubjectList, ctx: Context) -> Measured:
        first, last = ctx.window(target.months)
        areas = target.areas
        wanted = set(subjects.codes)
        found: Counter[str] = Counter()
        station_ids: dict[str, frozenset[str]] = {}
        acts = ctx.directory.activities
        # The activities are columns: only the subjects' rows in the window become records.
        chosen = (row for c in wanted for row in acts.rows_between(acts.rows_in(c), first, last))
        for activity in acts.records(chosen):
            code = activity.community
            if areas and activity.area not in areas:
                continue
            township = code[:9]
            ids = station_ids.get(township)
            if ids is None:
                ids = station_ids[township] = frozenset(s.id for s in ctx.stations_at(township))
            if ids & activity.organisers:
                found[code] += 1
        codes = subjects.codes
        return (
            [found[c] for c in codes],
            None,
            [(bool(ctx.stations_at(c[:9])), bool(ctx.stations_at(c))) for c in codes],
        )

    def describe(self, target: ServiceReach, row: Row, env: Env) -> Words:
        township_station, community_station = row.detail
        if not township_station:
            return "所属乡镇（街道）尚无社工站", "its township has no social-work station", ()
        zh = f"近{target.months}个月乡镇（街道）社工站未在本社区（村）开展服务"
        en = f"no township station service here in the last {target.months} months"
        if row.numerator and target.comparison.wants_more:
            zh, en = generic_words(target, row)
        if not community_station:
            zh += "；本社区（村）尚无社工站"
            en += "; no community station here"
        return zh, en, ()


class NamedRegulations:
    """The regulations named by a target that each subject's stations have on record."""

    def __init__(self, fallback: Any) -> None:
        self._fallback = fallback

    def measure(self, target: Any, subjects: SubjectList, ctx: Context) -> Measured:
        if not target.required:
            found: Measured = self._fallback.measure(target, subjects, ctx)
            return found
        numerators = []
        details: list[Any] = []
        for code in subjects.codes:
            stations = ctx.stations_at(code)
            present: set[str] = set()
            for station in stations:
                present.update(station.regulations & target.required)
            numerators.append(len(present))
            details.append((len(stations), tuple(sorted(target.required - present))))
        return numerators, None, details

    def describe(self, target: Any, row: Row, env: Env) -> Words:
        if not target.required:
            words: Words = self._fallback.describe(target, row, env)
            return words
        stations, missing = row.detail
        if stations == 0:
            return "尚无社工站", "has no social-work station", missing
        zh = f"缺少制度：{'、'.join(missing)}（现有{row.numerator}项）"
        en = f"missing {len(missing)} of the regulations named ({row.numerator} on record)"
        return zh, en, missing
