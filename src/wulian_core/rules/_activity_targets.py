"""Target kinds for what communities do: regular and joint activities, and charity."""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import field

from wulian_core import _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.model import CharityProjectKind

from ._base import Target, count, months, never_false

__all__ = ["CharityPresence", "CharityRecord", "JointActivity", "RegularActivity"]


@frozen(kw_only=True)
class RegularActivity(Target):
    """Months of the window in which the subject held at least one activity (常态化).

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> from wulian_core.regions import RegionLevel
    >>> t = RegularActivity(id="regular", title_zh="活动常态化", title_en="Regular activity",
    ...     subjects=Subjects(level=RegionLevel.COMMUNITY), applies_from=dt.date(2022, 1, 1))
    >>> t.threshold, t.months
    (12, 12)
    """

    kind: ClassVar[str] = "regular_activity"
    unit_zh: ClassVar[str] = "个月"
    unit_en: ClassVar[str] = "month"

    months: int = field(default=12, validator=months)
    threshold: int = field(validator=count)

    @threshold.default
    def _every_month(self) -> int:
        return self.months

    def __attrs_post_init__(self) -> None:
        never_false(self, self.threshold)
        if self.threshold > self.months:
            raise InvalidValue(
                "RegularActivity.threshold",
                self.threshold,
                f"must not exceed the window of {self.months} months",
            )


@frozen(kw_only=True)
class JointActivity(Target):
    """Activities in the window with social workers and volunteers together (社工+志愿者).

    >>> import datetime as dt
    >>> from wulian_core.rules import Share, Subjects
    >>> from wulian_core.regions import RegionLevel
    >>> JointActivity(id="joint", title_zh="社工+志愿者", title_en="Joint activity",
    ...     subjects=Subjects(level=RegionLevel.COMMUNITY), applies_from=dt.date(2022, 1, 1),
    ...     rollup_at_least="4/5").rollup_share == Share(4, 5)
    True
    """

    kind: ClassVar[str] = "joint_activity"
    unit_zh: ClassVar[str] = "次联动活动"
    unit_en: ClassVar[str] = "joint activity"

    months: int = field(default=12, validator=months)
    threshold: int = field(default=1, validator=count)

    def __attrs_post_init__(self) -> None:
        never_false(self, self.threshold)


class CharityRecord(LabelledEnum):
    """What a charity target looks for: a charity fund or a charity project.

    >>> CharityRecord.FUND.label_zh
    '慈善基金'
    """

    FUND = "fund", "慈善基金"
    PROJECT = "project", "慈善项目"


@frozen(kw_only=True)
class CharityPresence(Target):
    """Charity funds or projects existing on the date, at, inside or above the subject.

    ``inside`` counts records of regions inside the subject; ``above`` counts those of
    the regions it lies in (a township's 幸福家园 project serves its villages).
    ``project_kinds`` narrows projects (empty: any).

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> from wulian_core.regions import RegionLevel
    >>> t = CharityPresence(id="happy-home", title_zh="幸福家园", title_en="Happy Home",
    ...     subjects=Subjects(level=RegionLevel.COMMUNITY, tag="pilot"),
    ...     record=CharityRecord.PROJECT, project_kinds={CharityProjectKind.HAPPY_HOME},
    ...     above=True, applies_from=dt.date(2022, 1, 1))
    >>> t.threshold, t.inside, t.above
    (1, True, True)
    """

    kind: ClassVar[str] = "charity_presence"
    unit_zh: ClassVar[str] = "个"
    unit_en: ClassVar[str] = "record"

    record: CharityRecord = field(validator=_checks.instance_of(CharityRecord))
    project_kinds: frozenset[CharityProjectKind] = field(
        default=frozenset(), converter=_checks.to_frozenset
    )
    inside: bool = field(default=True, validator=_checks.instance_of(bool))
    above: bool = field(default=False, validator=_checks.instance_of(bool))
    threshold: int = field(default=1, validator=count)

    @project_kinds.validator
    def _check_project_kinds(self, attribute: Any, value: Any) -> None:
        if not isinstance(value, frozenset) or not all(
            isinstance(k, CharityProjectKind) for k in value
        ):
            raise InvalidValue(
                "CharityPresence.project_kinds", value, "must be a set of CharityProjectKind"
            )
        if value and self.record is not CharityRecord.PROJECT:
            raise InvalidValue("CharityPresence.project_kinds", value, "only for projects")

    def __attrs_post_init__(self) -> None:
        never_false(self, self.threshold)

    @property
    def what_zh(self) -> str:
        """What is looked for, in Chinese."""
        if self.record is CharityRecord.FUND:
            return "慈善基金"
        if self.project_kinds == {CharityProjectKind.HAPPY_HOME}:
            return "“幸福家园”村社互助工程"
        return "慈善项目"

    @property
    def what_en(self) -> str:
        """What is looked for, in English."""
        if self.record is CharityRecord.FUND:
            return "charity fund"
        if self.project_kinds == {CharityProjectKind.HAPPY_HOME}:
            return "Happy Home (幸福家园) project"
        return "charity project"
