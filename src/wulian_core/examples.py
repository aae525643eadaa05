"""Ready-made objects for examples and notebooks: small, fixed, made anew on each call.

Each function returns fresh objects at a fixed instant, so an example, a doctest or a
notebook cell may change them freely and always starts from the same place.

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

from ._points.example import catalogue_example, passbook_example

__all__ = ["catalogue_example", "passbook_example"]
