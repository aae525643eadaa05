"""Rankings of passbooks by one ledger, within a region, as of a date (1, 2, 2, 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode

from .ledger import Ledger
from .passbook import Passbook

__all__ = ["Ranked", "rank_passbooks"]


@frozen(kw_only=True, field_transformer=typed)
class Ranked:
    """One passbook's place: ``rank`` is shared by ties (standard competition ranking).

    >>> Ranked(rank=2, holder="hh-7", community=RegionCode("150603001001"), value=12).rank
    2
    """

    rank: int
    holder: str
    community: RegionCode
    value: int


def rank_passbooks(
    passbooks: Iterable[Passbook],
    *,
    on: dt.date,
    ledger: Ledger = Ledger.MORAL,
    within: RegionCode | None = None,
) -> tuple[Ranked, ...]:
    """Rank passbooks by a ledger's balance at the end of day ``on`` (Asia/Shanghai).

    Highest first; equal balances share a rank and the next rank skips (1, 2, 2, 4);
    within a rank, holders sort by id. ``within`` keeps the holders of a community or of
    any region containing theirs.

    >>> rank_passbooks([], on=dt.date(2024, 12, 31))
    ()
    """
    _checks.arg_date(on, "rank_passbooks.on")
    books = _checks.arg_items(passbooks, "rank_passbooks.passbooks", what="passbooks")
    for book in books:
        if not isinstance(book, Passbook):
            raise InvalidValue("rank_passbooks.passbooks", book, "must hold Passbooks only")
    if not isinstance(ledger, Ledger):
        raise InvalidValue("rank_passbooks.ledger", ledger, "must be a Ledger")
    if within is not None and not isinstance(within, RegionCode):
        raise InvalidValue("rank_passbooks.within", within, "must be a RegionCode or None")
    # The last instant of the day: events at or before it count.
    end = dt.datetime(on.year, on.month, on.day, tzinfo=SHANGHAI) + dt.timedelta(days=1)
    as_of = end - dt.timedelta(microseconds=1)
    scored = []
    for book in books:
        community = book.holder.community
        if within is None or within.contains(community):
            scored.append((-book.balance(ledger, as_of=as_of), book.holder.id, community))
    scored.sort()
    ranked: list[Ranked] = []
    for place, (negative, holder, community) in enumerate(scored, start=1):
        value = -negative
        rank = ranked[-1].rank if ranked and ranked[-1].value == value else place
        ranked.append(Ranked(rank=rank, holder=holder, community=community, value=value))
    return tuple(ranked)
