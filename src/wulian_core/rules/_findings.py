"""The records a report hands out: a finding per subject and target, roll-ups per region."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.regions import RegionCode, RegionLevel

from ._counting import Comparison, Share, Status

__all__ = ["Finding", "RollUp"]


@frozen(kw_only=True, field_transformer=typed)
class Finding:
    """One target held against one subject on the report's date.

    ``numerator`` is what was measured; ``denominator`` is set for a share (0: nothing
    to measure, so ``status`` is undefined). ``shortfall`` counts what is missing, and
    ``shortfall_zh`` / ``shortfall_en`` say it in words (empty when met). ``missing``
    names the missing items where a kind has them (months, kinds of work). A finding
    not met after ``due_by`` is ``overdue``.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
    ...                   as_of=dt.date(2023, 12, 31))
    >>> f = report.finding(synth.YUEHE, "urban-organizations")
    >>> f.subject_name, f.comparison.symbol, f.required, f.status.label_zh
    ('悦和社区', '≥', 10, '达标')
    """

    target: str
    kind: str
    subject: RegionCode
    subject_name: str
    numerator: int
    denominator: int | None
    comparison: Comparison
    threshold: int | Share
    status: Status
    shortfall: int
    shortfall_zh: str
    shortfall_en: str
    missing: tuple[str, ...] = ()
    due_by: dt.date | None = None
    overdue: bool = False

    @property
    def measured(self) -> int | Fraction | None:
        """The count, or the exact share; ``None`` when there was nothing to measure."""
        if self.denominator is None:
            return self.numerator
        if self.denominator == 0:
            return None
        return Fraction(self.numerator, self.denominator)

    @property
    def required(self) -> int | Fraction:
        """The threshold as a number: a count, or an exact fraction."""
        return self.threshold.fraction if isinstance(self.threshold, Share) else self.threshold

    @property
    def level(self) -> RegionLevel:
        """The subject's level."""
        return self.subject.level

    @property
    def is_met(self) -> bool:
        """Whether the status is met."""
        return self.status is Status.MET

    def to_record(self) -> dict[str, Any]:
        """The finding as a plain dict (one row of :meth:`Report.to_records`)."""
        return {
            "target": self.target,
            "kind": self.kind,
            "subject": str(self.subject),
            "subject_name": self.subject_name,
            "level": self.subject.level.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "measured": self.measured,
            "comparison": self.comparison.value,
            "required": self.required,
            "status": self.status.value,
            "status_zh": self.status.label_zh,
            "shortfall": self.shortfall,
            "shortfall_zh": self.shortfall_zh,
            "shortfall_en": self.shortfall_en,
            "missing": ", ".join(self.missing),
            "due_by": self.due_by,
            "overdue": self.overdue,
        }


@frozen(kw_only=True, field_transformer=typed)
class RollUp:
    """How the subjects inside one region did on one target.

    ``region`` is ``None`` for the report as a whole. The region meets the target when
    ``share_met`` reaches ``required`` (the target's ``rollup_at_least``, or every
    subject); it is undefined when only undefined subjects stand in the way.
    ``shortfall`` counts the subjects that still have to meet it.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
    ...                   as_of=dt.date(2023, 12, 31))
    >>> up = report.rollups(level=RegionLevel.COUNTY, target="urban-organizations")[0]
    >>> up.name, up.subjects, up.met + up.not_met + up.undefined == up.subjects
    ('康巴什区', 19, True)
    """

    region: RegionCode | None
    name: str
    target: str
    subjects: int
    met: int
    not_met: int
    undefined: int
    required: Share
    status: Status
    shortfall: int

    @property
    def share_met(self) -> Fraction:
        """Met subjects over all subjects, exactly (undefined ones are not met)."""
        return Fraction(self.met, self.subjects)

    @property
    def level(self) -> RegionLevel | None:
        """The region's level; ``None`` for the whole report."""
        return None if self.region is None else self.region.level

    def to_record(self) -> dict[str, Any]:
        """The roll-up as a plain dict."""
        return {
            "region": None if self.region is None else str(self.region),
            "name": self.name,
            "level": None if self.region is None else self.region.level.value,
            "target": self.target,
            "subjects": self.subjects,
            "met": self.met,
            "not_met": self.not_met,
            "undefined": self.undefined,
            "share_met": self.share_met,
            "required": self.required.fraction,
            "status": self.status.value,
            "status_zh": self.status.label_zh,
            "shortfall": self.shortfall,
        }


def rollup_status(met: int, undefined: int, subjects: int, required: Share) -> tuple[Status, int]:
    """A region's status and how many more subjects must meet; exact integer arithmetic.

    >>> rollup_status(3, 0, 4, Share(4, 5))
    (<Status.NOT_MET: 'not_met'>, 1)
    >>> rollup_status(3, 1, 4, Share(1, 1))
    (<Status.UNDEFINED: 'undefined'>, 1)
    """
    p, q = required.numerator, required.denominator
    needed = -(-p * subjects // q)
    shortfall = max(0, needed - met)
    if shortfall == 0:
        return Status.MET, 0
    if met + undefined >= needed:
        return Status.UNDEFINED, shortfall
    return Status.NOT_MET, shortfall
