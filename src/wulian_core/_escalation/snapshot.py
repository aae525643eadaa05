"""What a snapshot of a case must come to: its check.

A case's state follows from its history, which it keeps (its views and its equality read
it), and a case is short: the store's snapshot carries the history and this *check*
(version, status, level, agency); restoring replays the history, compares the check,
then replays it with the later events, checks included (:meth:`Case.replay`). What a
snapshot of a case saves is the reading and decoding of many rows, not the replay. A
check that does not match (a release that derives the state differently) means: read
from the start instead.
"""

from __future__ import annotations

from typing import Any

from .case import Case

__all__ = ["case_check"]


def case_check(case: Case) -> list[Any]:
    """What a case's state comes to, as plain data: version, status, level, agency.

    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
    >>> case_check(case)
    [1, 'awaiting_acceptance', 'liaison', None]
    """
    return [case.version, case.status.value, case.level.id, case.agency]
