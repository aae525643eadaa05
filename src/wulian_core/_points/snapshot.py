"""Snapshots of the points' aggregates: what a snapshot must carry, and restoring from it.

A passbook's state is not separable from its history: the idempotency index answers a
retry with the events its key recorded, every lot and order points at its event, and the
statement reads the entries. So a snapshot carries the history (the store encodes it with
the codec) and a *check*: the numbers the state must come to (version, balances,
debt). Restoring applies the history without replay's integrity checks (they
passed when the aggregate the snapshot was taken from was replayed or built by its
commands), compares the check, then reads the later events through the checks as
:meth:`Passbook.replay` does: against the used keys and the last instant of the whole
history, so a later event that reuses a key from before the snapshot is still refused.

A check that does not match (a release that derives the state differently) returns
``None``: the caller reads the stream from the start instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wulian_core.errors import IntegrityError

from .catalogue import Catalogue
from .events import Holder, PassbookEvent, PassbookOpened
from .ledger import Ledger
from .passbook import Passbook
from .policy import PointsPolicy
from .state import check_follows

__all__ = ["catalogue_check", "passbook_check", "restore_passbook"]


def passbook_check(book: Passbook) -> list[Any]:
    """What a passbook's state comes to, as plain data: version, balances, debt.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> passbook_check(book)
    [1, 0, 0, 0, 0]
    """
    return [book.version, *(book.balance(ledger) for ledger in Ledger), book.debt]


def restore_passbook(
    history: Sequence[PassbookEvent],
    later: Sequence[PassbookEvent],
    check: Any,
    policy: PointsPolicy,
) -> Passbook | None:
    """The passbook of ``history`` (checked before) and ``later`` (checked now).

    ``None`` when ``history`` does not come to ``check``.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> restore_passbook(book.events, (), passbook_check(book), book.policy) == book
    True
    >>> restore_passbook(book.events, (), [1, 5, 0, 0, 0], book.policy) is None
    True
    """
    if not history or type(history[0]) is not PassbookOpened:
        return None
    first: PassbookOpened = history[0]
    holder = Holder(
        id=first.holder, kind=first.holder_kind, community=first.community, members=first.members
    )
    book = Passbook(holder, policy)
    record = book._record
    try:
        for event in history:
            record(event)
    except IntegrityError:
        return None
    if passbook_check(book) != check:
        return None
    for index, event in enumerate(later, start=len(history)):
        check_follows(book, event, index)
        record(event)
    return book


def catalogue_check(catalogue: Catalogue) -> list[Any]:
    """What a catalogue's state comes to: version, and each item's stock.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> catalogue_check(shop)
    [2, ['soap', 2]]
    """
    stock = [[item, catalogue.stock(item)] for item in catalogue.items()]
    return [catalogue.version, *stock]
