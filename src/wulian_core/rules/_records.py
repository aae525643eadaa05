"""Records the targets read besides the directory: the trainings held (培训).

Shaanxi's plan asks for a three-level training mechanism (完善市县乡三级培训机制): each
city, county and township trains the social-work staff under it. A :class:`Training` is
one such session, held by a region of one of those levels on a day; pass them to
:func:`~wulian_core.rules.evaluate` as ``trainings=``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode, RegionLevel

__all__ = ["TRAINING_LEVELS", "Training"]

TRAINING_LEVELS = (RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)
"""The three levels that train: 市, 县, 乡 (市县乡三级培训机制)."""


def _region(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, RegionCode) or value.level not in TRAINING_LEVELS:
        raise InvalidValue(
            "Training.region", value, "must name a city, county or township (市县乡三级)"
        )


_participants = _checks.count(minimum=1)


@frozen(kw_only=True)
class Training:
    """A training session (培训) held by a city, county or township for social-work staff.

    ``level`` is the region's level: a county's training counts for the county, not for
    the townships of its trainees.

    >>> t = Training(id="tr-1", region=RegionCode("150603"), on=dt.date(2024, 5, 10),
    ...              title="社会工作实务培训", participants=40)
    >>> t.level.value, t.participants
    ('county', 40)
    >>> Training(id="tr-2", region=RegionCode("150603001001"), on=dt.date(2024, 5, 10),
    ...          title="x", participants=1)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Training.region: must name a city, county or township (市县乡三级) (got ...)
    """

    id: str = field(validator=_checks.identifier)
    region: RegionCode = field(validator=_region)
    on: dt.date = field(validator=_checks.a_date)
    title: str = field(validator=_checks.name)
    participants: int = field(validator=_participants)

    @property
    def level(self) -> RegionLevel:
        """The level that held it: city, county or township."""
        return self.region.level
