"""Ready-made objects for examples, notebooks and first experiments.

Each returns a fresh object (changing it changes no other), built with the public API
only. The docstring examples of the library import them from here so that each example
stays short.

>>> from wulian_core.examples import case_example
>>> case, who, at = case_example()
>>> case.id, case.status.label_zh
('case-1', '待签收')
"""

from __future__ import annotations

from ._escalation.example import (
    CasePeople,
    case_at_agency,
    case_example,
    case_people,
    case_resolved,
)

__all__ = [
    "CasePeople",
    "case_at_agency",
    "case_example",
    "case_people",
    "case_resolved",
]
