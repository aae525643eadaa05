"""wulian-core: the domain model of 五社联动 community governance."""

from __future__ import annotations

from .errors import (
    CalendarCoverageError,
    DecodeError,
    IllegalTransition,
    IntegrityError,
    InvalidValue,
    PermissionDenied,
    WulianError,
)

__all__ = [
    "CalendarCoverageError",
    "DecodeError",
    "IllegalTransition",
    "IntegrityError",
    "InvalidValue",
    "PermissionDenied",
    "WulianError",
]
