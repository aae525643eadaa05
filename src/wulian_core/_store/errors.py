"""The store's errors, each a :class:`~wulian_core.errors.WulianError`."""

from __future__ import annotations

import datetime as dt

from wulian_core.errors import InvalidValue, WulianError

__all__ = ["ClockSkew", "ConcurrencyConflict", "StoreError", "StoreUnavailable"]


class StoreError(WulianError):
    """Base for the event store's own errors (a stream moved, a backend missing, a bad schema).

    >>> issubclass(ConcurrencyConflict, StoreError)
    True
    """


class ConcurrencyConflict(StoreError):
    """A stream moved since it was loaded: nothing of the append was written.

    ``stream`` is ``"kind:id"``; ``expected`` the version the writer loaded; ``actual``
    the version found. Reload and run the command again (:meth:`SQLiteStore.run` does).

    >>> str(ConcurrencyConflict("case:c-1", 1, 2))
    'case:c-1 is at version 2, not 1: reload and retry'
    """

    def __init__(self, stream: str, expected: int, actual: int) -> None:
        super().__init__(f"{stream} is at version {actual}, not {expected}: reload and retry")
        self.stream, self.expected, self.actual = stream, expected, actual

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in worker processes too: rebuild from the fields, not from the message.
        return (type(self), (self.stream, self.expected, self.actual))


class ClockSkew(InvalidValue, StoreError):
    """An event stamped too far in the future of the store's clock: the commit is refused.

    >>> import datetime as dt
    >>> now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    >>> print(ClockSkew("case:c-1", now + dt.timedelta(days=1), now, dt.timedelta(minutes=5)))
    case:c-1.at: must be at most 0:05:00 ahead of the clock, 2024-01-01T00:00:00+00:00 (got 2024-01-02T00:00:00+00:00)
    """

    def __init__(
        self, stream: str, at: dt.datetime, now: dt.datetime, max_skew: dt.timedelta
    ) -> None:
        reason = f"must be at most {max_skew} ahead of the clock, {now.isoformat()}"
        super().__init__(f"{stream}.at", at, reason, shown=at.isoformat())
        self.stream, self.at, self.now, self.max_skew = stream, at, now, max_skew

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.stream, self.at, self.now, self.max_skew))


class StoreUnavailable(StoreError):
    """The backend cannot be used: its driver is missing, or the server cannot be reached.

    >>> print(StoreUnavailable("psycopg is not installed: pip install 'wulian-core[postgres]'"))
    psycopg is not installed: pip install 'wulian-core[postgres]'
    """


# Shown (and pickled) under the face users import them from.
for _error in (StoreError, ConcurrencyConflict, ClockSkew, StoreUnavailable):
    _error.__module__ = "wulian_core.store"
del _error
