"""Snapshots of a case: what a snapshot must carry, and restoring a case from it.

A case's state follows from its history, which it keeps (its views and its equality read
it), and a case is short: the snapshot carries the history and a *check* (version,
status, level, agency); restoring replays the history, compares the check, then replays
the history with the later events, checks included (:meth:`Case.replay`). What a snapshot of a case saves is
the reading and decoding of many rows, not the replay. A check that does not match (a
release that derives the state differently) gives ``None``: read from the start instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wulian_core import _checks
from wulian_core.calendar import WorkCalendar

from .case import Case
from .events import CaseEvent

__all__ = ["case_check", "restore_case"]


def case_check(case: Case) -> list[Any]:
    """What a case's state comes to, as plain data: version, status, level, agency.

    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
    >>> case_check(case)
    [1, 'awaiting_acceptance', 'liaison', None]
    """
    return [case.version, case.status.value, case.level.id, case.agency]


def restore_case(
    history: Sequence[CaseEvent],
    later: Sequence[CaseEvent],
    check: Any,
    calendar: WorkCalendar | None = None,
) -> Case | None:
    """The case of ``history`` and then ``later``; ``None`` when ``history`` misses ``check``.

    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
    >>> restore_case(case.events, (), case_check(case)) == case
    True
    """
    later = _checks.arg_items(later, "restore_case.later", what="case events")
    case = Case.replay(history, calendar=calendar)
    if case_check(case) != check:
        return None
    if not later:
        return case
    # The whole history again, the later events checked against its state; a case is
    # short, and replay keeps the tuple it folds as the case's history.
    return Case.replay((*history, *later), calendar=calendar)
