"""The generic evaluators of the shipped kinds: measures per subject, and their words.

Each ``measure`` reads aggregates the :class:`~wulian_core.rules.Context` builds in one
pass, then looks each subject up; each ``describe`` writes the shortfall of one finding
in Chinese and English, only when a finding is read.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any

from wulian_core.model import StationLevel, StationWorkKind
from wulian_core.regions import RegionLevel

from ._context import Context, SubjectList
from ._counting import ANCESTORS, Comparison, Share, Status
from ._kinds import Env, Measured, Row, TargetKinds, generic_words, plural
from ._plan_evaluators import Growth, NamedRegulations, Reach, Trainings
from ._targets import (
    CharityPresence,
    CharityRecord,
    JointActivity,
    OrganizationCount,
    OrganizationShare,
    RegularActivity,
    ServiceReach,
    StationCoverage,
    StationRegulations,
    StationStaffing,
    StationWorkRecords,
    TrainingHeld,
    VolunteerGrowth,
)

__all__ = ["DEFAULT_KINDS"]

Words = tuple[str, str, tuple[str, ...]]

# The default of every lookup, for ``map(dict.get, codes, _ZEROS)``: the lookups run in C.
_ZEROS = repeat(0)

_STATION_EN = {
    StationLevel.CITY_MECHANISM: "city working mechanism",
    StationLevel.COUNTY: "county social-work station",
    StationLevel.TOWNSHIP: "township social-work station",
    StationLevel.COMMUNITY: "community social-work station",
}


def _more(k: int, unit_zh: str, unit_en: str) -> tuple[str, str]:
    return f"还需增加{k}{unit_zh}", f"needs {k} more {unit_en if k == 1 else plural(unit_en)}"


def _required(target: Any) -> tuple[str, str]:
    t = target.threshold
    shown = t.percent if isinstance(t, Share) else str(t)
    return f"{target.comparison.word_zh}{shown}", f"{target.comparison.label_en} {shown}"


def _station_counts(ctx: Context, codes: tuple[str, ...]) -> list[int]:
    get = ctx.stations().get
    return [len(get(c, ())) for c in codes]


class _Organizations:
    """Organizations per subject; with ``mix``, which of the missing must be of its part."""

    def measure(self, target: OrganizationCount, subjects: SubjectList, ctx: Context) -> Measured:
        counts = ctx.organization_counts(target.counting, target.subjects.level)
        get = counts.get
        return list(map(get, subjects.codes, _ZEROS)), None, None

    def describe(self, target: OrganizationCount, row: Row, env: Env) -> Words:
        k = row.shortfall
        qualifier_zh = target.counting.describe_zh
        qualifier_en = target.counting.describe_en
        unit_en = f"{qualifier_en} community social organization".strip()
        if not target.comparison.wants_more:
            zh, en = generic_words(target, row)
            return zh, en, ()
        zh, en = _more(k, f"个{qualifier_zh}社区社会组织", unit_en)
        of_them = self._of_them(target, row, env)
        if of_them:
            mix = env.target(target.mix or "")
            zh += f"，其中{of_them}个为{mix.part.describe_zh}社会组织"
            en += f", {of_them} of them {mix.part.describe_en}"
        return zh, en, ()

    @staticmethod
    def _of_them(target: OrganizationCount, row: Row, env: Env) -> int:
        """Of the ``k`` organizations still needed, how many the mix needs of its part."""
        if target.mix is None:
            return 0
        mix: OrganizationShare = env.target(target.mix)
        values = env.values(target.mix, row.subject)
        if values is None or not mix.comparison.wants_more:
            return 0
        part, total = values
        if total is None:
            return 0
        k = row.shortfall
        p, q = mix.threshold.numerator, mix.threshold.denominator
        size = total + k
        # The least part n with n/size passing: n*q >= p*size, or > for 超过.
        least: int = -(-p * size // q)
        if mix.comparison is Comparison.MORE_THAN and least * q == p * size:
            least += 1
        return min(k, max(0, least - part))


class _OrganizationShares:
    def measure(self, target: OrganizationShare, subjects: SubjectList, ctx: Context) -> Measured:
        level = target.subjects.level
        part = ctx.organization_counts(target.numerator_filter, level).get
        whole = ctx.organization_counts(target.counting, level).get
        codes = subjects.codes
        return list(map(part, codes, _ZEROS)), list(map(whole, codes, _ZEROS)), None

    def describe(self, target: OrganizationShare, row: Row, env: Env) -> Words:
        if row.status is Status.UNDEFINED:
            return (
                "没有社区社会组织，无法计算占比（不视为达标）",
                "no community social organizations, so no share to measure (not a pass)",
                (),
            )
        required_zh, required_en = _required(target)
        now_zh = f"现有{row.denominator}个中{row.numerator}个，要求占比{required_zh}"
        now_en = f"{row.numerator} of {row.denominator} now; {required_en} required"
        k = row.shortfall
        if target.comparison.wants_more:
            zh, en = _more(
                k, f"个{target.part.describe_zh}社会组织", f"{target.part.describe_en} organization"
            )
        else:
            zh, en = _more(k, "个其他类别社会组织", "organization of other kinds")
        return f"{zh}（{now_zh}）", f"{en} ({now_en})", ()


class _Coverage:
    def measure(self, target: StationCoverage, subjects: SubjectList, ctx: Context) -> Measured:
        get = ctx.stations().get
        return [len(get(c, ())) for c in subjects.codes], None, None

    def describe(self, target: StationCoverage, row: Row, env: Env) -> Words:
        level = target.station_level
        if row.numerator == 0 and target.comparison.wants_more:
            return f"尚未建立{level.label_zh}", f"has no {_STATION_EN[level]}", ()
        zh, en = _more(row.shortfall, f"个{level.label_zh}", _STATION_EN[level])
        return zh, en, ()


class _Staffing:
    def measure(self, target: StationStaffing, subjects: SubjectList, ctx: Context) -> Measured:
        roles = target.roles
        codes = subjects.codes
        return (
            [len(ctx.staff_of(c, roles)) for c in codes],
            None,
            _station_counts(ctx, codes),
        )

    def describe(self, target: StationStaffing, row: Row, env: Env) -> Words:
        level = target.station_level
        if row.detail == 0:
            return (
                f"尚无{level.label_zh}，没有驻站人员",
                f"has no {_STATION_EN[level]}, so no stationed staff",
                (),
            )
        required_zh, required_en = _required(target)
        if target.comparison.wants_more:
            zh, en = _more(row.shortfall, "名驻站人员", "stationed staff")
        else:
            zh, en = generic_words(target, row)
        return (
            f"{zh}（现有{row.numerator}名，要求{required_zh}名）",
            f"{en} ({row.numerator} now; {required_en} required)",
            (),
        )


class _Regulations:
    def measure(self, target: StationRegulations, subjects: SubjectList, ctx: Context) -> Measured:
        numerators = []
        for code in subjects.codes:
            regulations: set[str] = set()
            for station in ctx.stations_at(code):
                regulations.update(station.regulations)
            numerators.append(len(regulations))
        return numerators, None, _station_counts(ctx, subjects.codes)

    def describe(self, target: StationRegulations, row: Row, env: Env) -> Words:
        level = target.station_level
        if row.detail == 0:
            return f"尚无{level.label_zh}", f"has no {_STATION_EN[level]}", ()
        zh, en = (
            _more(row.shortfall, "项制度", "regulation")
            if target.comparison.wants_more
            else generic_words(target, row)
        )
        return f"{zh}（现有{row.numerator}项）", f"{en} ({row.numerator} on record)", ()


_WORK_ORDER = tuple(StationWorkKind)


class _Work:
    def measure(self, target: StationWorkRecords, subjects: SubjectList, ctx: Context) -> Measured:
        numerators = []
        details: list[Any] = []
        for code in subjects.codes:
            present = ctx.work_of(code, target.months) & target.work
            numerators.append(len(present))
            missing = tuple(k.value for k in _WORK_ORDER if k in target.work and k not in present)
            details.append((len(ctx.stations_at(code)), missing))
        return numerators, None, details

    def describe(self, target: StationWorkRecords, row: Row, env: Env) -> Words:
        level = target.station_level
        stations, missing = row.detail
        if stations == 0:
            return f"尚无{level.label_zh}", f"has no {_STATION_EN[level]}", missing
        kinds = [StationWorkKind.from_value(v) for v in missing]
        zh = f"近{target.months}个月无{'、'.join(k.label_zh for k in kinds)}记录"
        en = f"no {', '.join(k.value.replace('_', ' ') for k in kinds)} on record"
        en += f" in the last {target.months} months"
        if row.shortfall and row.shortfall < len(missing):
            zh += f"（还需{row.shortfall}类）"
            en += f" ({row.shortfall} of them needed)"
        return zh, en, missing


class _Regular:
    def measure(self, target: RegularActivity, subjects: SubjectList, ctx: Context) -> Measured:
        masks = ctx.activity_months(target.months, target.subjects.level)
        get = masks.get
        found = list(map(get, subjects.codes, _ZEROS))
        return [m.bit_count() for m in found], None, found

    def describe(self, target: RegularActivity, row: Row, env: Env) -> Words:
        labels = env.month_labels(target.months)
        mask = row.detail
        empty = [label for i, label in enumerate(labels) if not mask >> i & 1]
        shown = empty if len(empty) <= 6 else [*empty[:6], "…"]
        k, n, m = row.shortfall, row.numerator, target.months
        if target.comparison.wants_more:
            zh = f"近{m}个月中{n}个月开展活动，还差{k}个月（{'、'.join(shown)}无活动）"
            months = "month" if k == 1 else "months"
            en = f"activities in {n} of the last {m} months; {k} more {months} needed"
            en += f" (none in {', '.join(shown)})"
        else:
            zh, en = generic_words(target, row)
        return zh, en, tuple(empty)


class _Joint:
    def measure(self, target: JointActivity, subjects: SubjectList, ctx: Context) -> Measured:
        get = ctx.joint_activities(target.months, target.subjects.level).get
        return list(map(get, subjects.codes, _ZEROS)), None, None

    def describe(self, target: JointActivity, row: Row, env: Env) -> Words:
        m = target.months
        if row.numerator == 0 and target.comparison.wants_more:
            return (
                f"近{m}个月没有“社工+志愿者”联动活动",
                f"no joint social-worker and volunteer activity in the last {m} months",
                (),
            )
        zh, en = (
            _more(row.shortfall, "次“社工+志愿者”联动活动", "joint activity")
            if target.comparison.wants_more
            else generic_words(target, row)
        )
        return zh, en, ()


class _Charity:
    def measure(self, target: CharityPresence, subjects: SubjectList, ctx: Context) -> Measured:
        funds = target.record is CharityRecord.FUND
        exact = ctx.charity(funds, target.project_kinds)
        own = (ctx.charity_inside(funds, target.project_kinds) if target.inside else exact).get
        codes = subjects.codes
        if not target.above or not exact:
            return [own(c, 0) for c in codes], None, None
        get = exact.get
        if target.subjects.level is RegionLevel.COMMUNITY:  # the common case, unrolled
            return (
                [
                    own(c, 0) + get(c[:9], 0) + get(c[:6], 0) + get(c[:4], 0) + get(c[:2], 0)
                    for c in codes
                ],
                None,
                None,
            )
        return (
            [own(c, 0) + sum(get(c[:d], 0) for d in ANCESTORS[len(c)]) for c in codes],
            None,
            None,
        )

    def describe(self, target: CharityPresence, row: Row, env: Env) -> Words:
        if row.numerator == 0 and target.comparison.wants_more:
            return f"尚无{target.what_zh}", f"has no {target.what_en}", ()
        zh, en = (
            _more(row.shortfall, f"个{target.what_zh}", target.what_en)
            if target.comparison.wants_more
            else generic_words(target, row)
        )
        return zh, en, ()


DEFAULT_KINDS: TargetKinds = (
    TargetKinds()
    .with_kind(OrganizationCount, _Organizations())
    .with_kind(OrganizationShare, _OrganizationShares())
    .with_kind(StationCoverage, _Coverage())
    .with_kind(StationStaffing, _Staffing())
    .with_kind(StationRegulations, NamedRegulations(_Regulations()))
    .with_kind(StationWorkRecords, _Work())
    .with_kind(RegularActivity, _Regular())
    .with_kind(JointActivity, _Joint())
    .with_kind(CharityPresence, _Charity())
    .with_kind(VolunteerGrowth, Growth())
    .with_kind(TrainingHeld, Trainings())
    .with_kind(ServiceReach, Reach())
)
"""The shipped target kinds and their evaluators; extend it with ``with_kind``.

>>> DEFAULT_KINDS.tags[:3]
('charity_presence', 'joint_activity', 'organization_count')
"""
