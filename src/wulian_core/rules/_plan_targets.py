"""Target kinds for the rest of Shaanxi's plan: volunteer teams growing, the three-level
training mechanism, and professional services reaching villages.

- :class:`VolunteerGrowth`: registered volunteers per subject and their change over a
  year (志愿服务队伍发展壮大);
- :class:`TrainingHeld`: trainings a city, county or township held in a window
  (市县乡三级培训机制);
- :class:`ServiceReach`: activities a township station ran in the subject community
  (专业社工服务有效延伸到村(社区)).
"""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.model import ServiceArea
from wulian_core.regions import RegionLevel

from ._base import Target, count, months, never_false
from ._records import TRAINING_LEVELS

__all__ = ["ServiceReach", "TrainingHeld", "VolunteerGrowth"]


def _level(target: Target, levels: tuple[RegionLevel, ...], what: str) -> None:
    if target.subjects.level not in levels:
        shown = ", ".join(level.value for level in levels)
        raise InvalidValue(
            f"{type(target).__name__}.subjects", target.subjects.level, f"{what} {shown}"
        )


@frozen(kw_only=True)
class VolunteerGrowth(Target):
    """Registered volunteers (注册志愿者) of each subject now, against a year before.

    Measures the growth: volunteers registered by the date less those registered by the
    same day a year earlier (a loss counts 0). The plan's "发展壮大" gives no figure; the
    bundled sets ask for at least 1 more (``threshold``), a documented parameter.

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> t = VolunteerGrowth(id="volunteers", title_zh="志愿服务队伍发展壮大",
    ...     title_en="Volunteer teams grow", subjects=Subjects(level=RegionLevel.COMMUNITY),
    ...     applies_from=dt.date(2024, 1, 1))
    >>> t.kind, t.threshold
    ('volunteer_growth', 1)
    """

    kind: ClassVar[str] = "volunteer_growth"
    unit_zh: ClassVar[str] = "名注册志愿者"
    unit_en: ClassVar[str] = "registered volunteer"

    threshold: int = field(default=1, validator=count)

    def __attrs_post_init__(self) -> None:
        never_false(self, self.threshold)


@frozen(kw_only=True)
class TrainingHeld(Target):
    """Trainings (培训) the subject itself held in the last ``months`` whole months.

    Subjects are cities, counties or townships: the three levels of the training
    mechanism. A city's training does not count for its counties.

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> t = TrainingHeld(id="county-training", title_zh="县级培训", title_en="County training",
    ...     subjects=Subjects(level=RegionLevel.COUNTY), applies_from=dt.date(2024, 1, 1))
    >>> t.threshold, t.months
    (1, 12)
    >>> TrainingHeld(id="x", title_zh="x", title_en="x",
    ...     subjects=Subjects(level=RegionLevel.COMMUNITY), applies_from=dt.date(2024, 1, 1))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: TrainingHeld.subjects: trainings are held by a city, county, township (got ...)
    """

    kind: ClassVar[str] = "training_held"
    unit_zh: ClassVar[str] = "次培训"
    unit_en: ClassVar[str] = "training"

    months: int = field(default=12, validator=months)
    threshold: int = field(default=1, validator=count)

    def __attrs_post_init__(self) -> None:
        _level(self, TRAINING_LEVELS, "trainings are held by a")
        never_false(self, self.threshold)


def _areas(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(isinstance(a, ServiceArea) for a in value):
        raise InvalidValue(
            _checks.field_name(instance, attribute), value, "must be a set of ServiceArea"
        )


@frozen(kw_only=True)
class ServiceReach(Target):
    """Activities in the subject community, in the window, that its township's
    social-work station organised: the station's services reaching the village.

    ``areas`` narrows the activities to the plan's focus areas (empty: any of them).

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> t = ServiceReach(id="reach", title_zh="专业社工服务延伸到村（社区）",
    ...     title_en="Station services reach villages",
    ...     subjects=Subjects(level=RegionLevel.COMMUNITY), applies_from=dt.date(2024, 1, 1),
    ...     areas={ServiceArea.ELDERLY_CARE})
    >>> t.threshold, [a.label_zh for a in t.areas]
    (1, ['养老服务'])
    """

    kind: ClassVar[str] = "service_reach"
    unit_zh: ClassVar[str] = "次乡镇社工站服务"
    unit_en: ClassVar[str] = "township station service"

    months: int = field(default=12, validator=months)
    threshold: int = field(default=1, validator=count)
    areas: frozenset[ServiceArea] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_areas
    )

    def __attrs_post_init__(self) -> None:
        _level(self, (RegionLevel.COMMUNITY,), "services reach a")
        never_false(self, self.threshold)
