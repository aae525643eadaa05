"""The sweep job: load only the cases whose alarm has passed, sweep each on its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from attrs import frozen

from wulian_core._checks import arg_aware
from wulian_core.errors import InvalidValue, WulianError
from wulian_core.escalation import SweepFailure, SweepResult, sweep

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

__all__ = ["SweepFailure", "SweepReport", "sweep_due"]


@frozen(kw_only=True)
class SweepReport:
    """What ``SQLiteStore.sweep`` did: cases swept, events recorded, cases that failed.

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
    now = arg_aware(now, "sweep.now")
    if type(batch) is not int or batch < 1:
        raise InvalidValue("sweep.batch", batch, "must be a whole number >= 1")
    due = store._due(now)
    swept: list[str] = []
    failed: list[SweepFailure] = []
    total = 0

    def cases(ids: Sequence[str]) -> Callable[[UnitOfWork], SweepResult]:
        def run(uow: UnitOfWork) -> SweepResult:
            # A case the sweep cannot move keeps its state and comes back in ``failures``;
            # the others' events are committed with this unit of work.
            return sweep(uow.cases.get_many(ids), now=now)

        return run

    def record(ids: Sequence[str], result: SweepResult) -> None:
        nonlocal total
        total += len(result)
        stuck = {failure.case for failure in result.failures}
        failed.extend(result.failures)
        swept.extend(ident for ident in ids if ident not in stuck)

    for start in range(0, len(due), batch):
        chunk = due[start : start + batch]
        if len(chunk) > 1:
            try:
                record(chunk, store.run(cases(chunk)))
            except WulianError:
                pass  # a case could not be loaded, or a conflict outlasted the retries
            else:
                continue
        for ident in chunk:  # one unit of work each: every failing case reported on its own
            try:
                record([ident], store.run(cases([ident])))
            except WulianError as exc:
                failed.append(SweepFailure(ident, exc))
    return SweepReport(
        now=now, due=len(due), swept=tuple(swept), events=total, failed=tuple(failed)
    )
