"""The sweep job: load only the cases whose alarm has passed, sweep each on its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from attrs import frozen

from wulian_core.errors import InvalidValue, WulianError
from wulian_core.escalation import sweep

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

__all__ = ["SweepFailure", "SweepReport", "sweep_due"]


@frozen(kw_only=True)
class SweepFailure:
    """A case the sweep could not move: its id and the error.

    >>> SweepFailure(case="c-1", error="CalendarCoverageError: ...").case
    'c-1'
    """

    case: str
    error: str


@frozen(kw_only=True)
class SweepReport:
    """What :meth:`SQLiteStore.sweep` did: cases swept, events recorded, cases that failed.

    >>> SweepReport(now=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), due=0, swept=(), events=0,
    ...             failed=()).ok
    True
    """

    now: dt.datetime
    due: int
    swept: tuple[str, ...]
    events: int
    failed: tuple[SweepFailure, ...]

    @property
    def ok(self) -> bool:
        """No case failed."""
        return not self.failed


T = TypeVar("T")


class _Sweepable(Protocol):
    def _due(self, now: dt.datetime) -> list[str]: ...

    def run(self, fn: Callable[[UnitOfWork], T], *, attempts: int = 3) -> T: ...


def sweep_due(store: _Sweepable, now: dt.datetime) -> SweepReport:
    """Sweep each due case in its own unit of work (retried on conflict); report failures."""
    if not isinstance(now, dt.datetime) or now.utcoffset() is None:
        raise InvalidValue("sweep.now", now, "must be a timezone-aware datetime")
    due = store._due(now)
    swept: list[str] = []
    failed: list[SweepFailure] = []
    total = 0

    for ident in due:

        def one(uow: UnitOfWork, ident: str = ident) -> int:
            return len(sweep([uow.cases.get(ident)], now=now))

        try:
            total += store.run(one)
        except WulianError as exc:  # reported; one broken case must not stop the others
            failed.append(SweepFailure(case=ident, error=f"{type(exc).__name__}: {exc}"))
        else:
            swept.append(ident)
    return SweepReport(
        now=now, due=len(due), swept=tuple(swept), events=total, failed=tuple(failed)
    )
