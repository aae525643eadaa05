"""Policy targets: hold a :class:`~wulian_core.directory.Directory` against a plan's goals.

A :class:`TargetSet` is a policy as data (the bundled ``shaanxi-2022`` loads with
:func:`wulian_core.policies.load`). :func:`evaluate` holds each target against each of
its subjects on a date and returns a :class:`Report`: a :class:`Finding` per subject
and target (measured, required, met / not met / undefined, and the shortfall in words),
roll-ups per township, county and city, and the gaps.

Counting follows Chinese legal usage (:class:`Comparison`): 以上 and 不少于 include the
number, 超过 and 不满 exclude it; shares are exact (:class:`Share`), never floats.

>>> import datetime as dt
>>> from wulian_core import policies, synth
>>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
...                   as_of=dt.date(2023, 12, 31))
>>> yuehe = report.finding(synth.YUEHE, "organization-mix")
>>> yuehe.comparison.label_zh, yuehe.threshold
('超过', Share(numerator=1, denominator=2))
"""

from __future__ import annotations

from typing import Any, Final

from ._base import OrganizationFilter, Subjects, Target
from ._context import Context, window
from ._counting import (
    Comparison,
    Requirement,
    Share,
    Status,
    count_shortfall,
    share_shortfall,
)
from ._evaluate import Progress, evaluate, progress
from ._evaluators import DEFAULT_KINDS
from ._findings import Finding, RollUp
from ._kinds import Measure, Measurement, TargetKinds
from ._partition import county_parts, evaluate_part, part_above_counties, partition_by_county
from ._records import TRAINING_LEVELS, Training
from ._report import Report
from ._targets import (
    SHIPPED_KINDS,
    AnyTarget,
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
from ._targetset import Parameter, TargetSet

__all__ = [
    "AnyTarget",
    "CharityPresence",
    "CharityRecord",
    "Comparison",
    "Context",
    "DEFAULT_KINDS",
    "Finding",
    "JointActivity",
    "Measure",
    "Measurement",
    "OrganizationCount",
    "OrganizationFilter",
    "OrganizationShare",
    "Parameter",
    "Progress",
    "RegularActivity",
    "Report",
    "Requirement",
    "RollUp",
    "SHIPPED_KINDS",
    "ServiceReach",
    "Share",
    "StationCoverage",
    "StationRegulations",
    "StationStaffing",
    "StationWorkRecords",
    "Status",
    "Subjects",
    "Target",
    "TargetKinds",
    "TargetSet",
    "TRAINING_LEVELS",
    "Training",
    "TrainingHeld",
    "VolunteerGrowth",
    "WIRE_UNIONS",
    "count_shortfall",
    "county_parts",
    "evaluate",
    "evaluate_part",
    "part_above_counties",
    "partition_by_county",
    "progress",
    "share_shortfall",
    "window",
]

WIRE_UNIONS: Final[tuple[tuple[Any, tuple[type[Any], ...]], ...]] = ((AnyTarget, SHIPPED_KINDS),)
"""The tagged union the codec registers: the shipped target kinds, by ``kind``.

>>> from wulian_core import codec
>>> codec.to_dict(Share(1, 2))
{'numerator': 1, 'denominator': 2}
"""
