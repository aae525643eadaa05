"""The store's errors: part of the one hierarchy in :mod:`wulian_core.errors`, named here too."""

from __future__ import annotations

from wulian_core.errors import ClockSkew, ConcurrencyConflict, StoreError, StoreUnavailable

__all__ = ["ClockSkew", "ConcurrencyConflict", "StoreError", "StoreUnavailable"]
