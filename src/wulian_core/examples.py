"""Ready-made objects for examples, notebooks and first experiments.

Each function returns fresh objects at a fixed instant, built with the public API only,
so an example, a doctest or a notebook cell may change them freely and always starts
from the same place. The library's own docstring examples import them from here, so that
each example stays short.

>>> from wulian_core.examples import case_example
>>> case, who, at = case_example()
>>> case.id, case.status.label_zh
('case-1', '待签收')
>>> from wulian_core.examples import catalogue_example, passbook_example
>>> book, worker, me, at = passbook_example()
>>> shop, staff, _ = catalogue_example()
>>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="public_welfare",
...                          by=worker, at=at, key="k-1")
>>> _ = shop.redeem(book, item="soap", by=me, at=at, key="order-1")
>>> book.balance(), shop.stock("soap")
(2, 1)
"""

from __future__ import annotations

from ._escalation.example import (
    CasePeople,
    case_across_the_notice,
    case_at_agency,
    case_example,
    case_people,
    case_resolved,
    case_transferred,
)
from ._funding.example import example_purchase as purchase_example
from ._open311.example import example_case as open311_case
from ._points.example import (
    catalogue_example,
    notice_board_example,
    passbook_example,
    shops_example,
)
from ._volunteering.example import attended as activity_attended
from ._volunteering.example import invitation_index as invitation_index_example
from ._volunteering.example import matcher_and_need
from ._volunteering.example import opened as activity_opened
from ._volunteering.example import passbook_of as activity_passbook
from ._volunteering.example import people as volunteering_people
from ._volunteering.example import quarter as volunteering_quarter
from ._volunteering.example import records as volunteering_records
from ._volunteering.example import registered as volunteer_registered

__all__ = [
    "CasePeople",
    "activity_attended",
    "activity_opened",
    "activity_passbook",
    "case_across_the_notice",
    "case_at_agency",
    "case_example",
    "case_people",
    "case_resolved",
    "case_transferred",
    "catalogue_example",
    "invitation_index_example",
    "matcher_and_need",
    "notice_board_example",
    "open311_case",
    "passbook_example",
    "purchase_example",
    "shops_example",
    "volunteer_registered",
    "volunteering_people",
    "volunteering_quarter",
    "volunteering_records",
]
