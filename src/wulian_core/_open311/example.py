"""The case the doctests of ``wulian_core.open311`` publish."""

from __future__ import annotations

import datetime as dt

from wulian_core.calendar import SHANGHAI
from wulian_core.escalation import Case, CaseCategory, CaseChannel, EscalationPolicy
from wulian_core.model import Actor, RegionCode

__all__ = ["example_case"]


def example_case() -> Case:
    """A dispute brought in person on the Monday before National Day 2024.

    >>> case = example_case()
    >>> case.id, case.category.value
    ('c-1', 'dispute')
    """
    return Case.open(
        id="c-1",
        resident="p-1",
        community=RegionCode("150603001001"),
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.IN_PERSON,
        summary="楼上漏水，电话13800138000",
        policy=EscalationPolicy.kangbashi(),
        by=Actor("p-1"),
        at=dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI),
        home_agency="agency-centre",
    )
