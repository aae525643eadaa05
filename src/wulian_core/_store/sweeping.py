"""The sweep job: load only the cases whose alarm has passed, sweep each on its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
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


def sweep_due(store: _Sweepable, now: dt.datetime, batch: int = 100) -> SweepReport:
    """Sweep the due cases, ``batch`` to a unit of work; isolate any batch that fails.

    A batch that fails (a case that cannot be loaded or swept, a conflict that outlasts
    the retries) is swept again one case per unit of work, so every failing case is
    reported on its own and the others still go in. ``batch=1`` is one unit of work per
    case from the start.
    """
    if not isinstance(now, dt.datetime) or now.utcoffset() is None:
        raise InvalidValue("sweep.now", now, "must be a timezone-aware datetime")
    if type(batch) is not int or batch < 1:
        raise InvalidValue("sweep.batch", batch, "must be a whole number >= 1")
    due = store._due(now)
    swept: list[str] = []
    failed: list[SweepFailure] = []
    total = 0

    def cases(ids: Sequence[str]) -> Callable[[UnitOfWork], int]:
        def run(uow: UnitOfWork) -> int:
            return len(sweep(uow.cases.get_many(ids), now=now))

        return run

    for start in range(0, len(due), batch):
        chunk = due[start : start + batch]
        if len(chunk) > 1:
            try:
                total += store.run(cases(chunk))
            except WulianError:
                pass  # one of them is the trouble: sweep them one by one below
            else:
                swept.extend(chunk)
                continue
        for ident in chunk:
            try:
                total += store.run(cases([ident]))
            except WulianError as exc:  # reported; one broken case must not stop the others
                failed.append(SweepFailure(case=ident, error=f"{type(exc).__name__}: {exc}"))
            else:
                swept.append(ident)
    return SweepReport(
        now=now, due=len(due), swept=tuple(swept), events=total, failed=tuple(failed)
    )
