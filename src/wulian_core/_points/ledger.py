"""The three ledgers, their accounts, and the entries each passbook event makes.

Entries are derived from events, never stored: each is a transfer of a positive amount
between two accounts of one ledger, so every ledger sums to zero over its accounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from attrs import field

from wulian_core import _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core._typed import typed

from .events import (
    AccrualReversed,
    ActivityPointsAccrued,
    MoralPointsAwarded,
    MoralPointsDeducted,
    PassbookEvent,
    PointsExpired,
    PointsRedeemed,
    RedemptionCancelled,
    ServiceCorrected,
    ServiceRecorded,
)

__all__ = ["Account", "AccountRole", "Entry", "Ledger", "balance_delta", "entries_of"]

_REASON = _checks.text(max_length=500)  # an event's reason, or a fixed one such as "积分过期"


class Ledger(LabelledEnum):
    """The three ledgers of a passbook: certified service minutes, material and moral points.

    >>> [ledger.label_zh for ledger in Ledger]
    ['志愿服务时长', '物质积分', '品德积分']
    """

    SERVICE_MINUTES = "service_minutes", "志愿服务时长"
    MATERIAL = "material", "物质积分"
    MORAL = "moral", "品德积分"


class AccountRole(LabelledEnum):
    """What an account is: a holder, the issuer, a redemption point, or expiry.

    >>> AccountRole.REDEMPTION_POINT.label_zh
    '兑换点'
    """

    HOLDER = "holder", "持有人"
    ISSUER = "issuer", "发放方"
    REDEMPTION_POINT = "redemption_point", "兑换点"
    EXPIRY = "expiry", "过期"


@frozen(field_transformer=typed)
class Account:
    """One account of a ledger; ``key`` is the holder id, community code or point id.

    >>> Account(AccountRole.REDEMPTION_POINT, "supermarket-1")
    Account(role=<AccountRole.REDEMPTION_POINT: 'redemption_point'>, key='supermarket-1')
    """

    role: AccountRole = field(validator=_checks.instance_of(AccountRole))
    key: str = field(validator=_checks.identifier)


@frozen(kw_only=True, field_transformer=typed)
class Entry:
    """A transfer of ``amount`` (> 0) from ``source`` to ``target`` on one ledger.

    >>> e = Entry(ledger=Ledger.MATERIAL, source=Account(AccountRole.ISSUER, "150603001001"),
    ...     target=Account(AccountRole.HOLDER, "p-3"), amount=2, at=dt.datetime(2024, 3, 1,
    ...     tzinfo=dt.UTC), by="p-9", key="k-1", reason="志愿服务 act-1")
    >>> e.signed_for(Account(AccountRole.HOLDER, "p-3"))
    2
    """

    ledger: Ledger = field(validator=_checks.instance_of(Ledger))
    source: Account = field(validator=_checks.instance_of(Account))
    target: Account = field(validator=_checks.instance_of(Account))
    amount: int = field(validator=_checks.whole(minimum=1))
    at: dt.datetime = field(validator=_checks.aware_datetime)
    by: str = field(validator=_checks.identifier)
    key: str = field(validator=_checks.identifier)
    reason: str = field(validator=_REASON)

    def signed_for(self, account: Account) -> int:
        """The amount as seen from ``account``: positive in, negative out, 0 otherwise."""
        if account == self.target:
            return self.amount
        if account == self.source:
            return -self.amount
        return 0


def entries_of(event: PassbookEvent, community: str) -> Iterator[Entry]:
    """The ledger entries of one event; ``community`` keys the issuer and expiry accounts.

    >>> ev = MoralPointsDeducted(holder="p-3", at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
    ...     by="p-9", key="k-1", category="law_abiding", points=5, reason="违反村规民约",
    ...     serious=False, barred_until=None)
    >>> [(e.ledger.value, e.source.role.value, e.target.role.value, e.amount)
    ...  for e in entries_of(ev, "150603001001")]
    [('moral', 'holder', 'issuer', 5)]
    """
    holder = Account(AccountRole.HOLDER, event.holder)
    issuer = Account(AccountRole.ISSUER, community)

    def move(ledger: Ledger, source: Account, target: Account, amount: int, reason: str) -> Entry:
        return Entry(
            ledger=ledger,
            source=source,
            target=target,
            amount=amount,
            at=event.at,
            by=event.by,
            key=event.key,
            reason=reason,
        )

    material, moral, minutes = Ledger.MATERIAL, Ledger.MORAL, Ledger.SERVICE_MINUTES
    found: list[Entry] = []
    if isinstance(event, ServiceRecorded | ActivityPointsAccrued):
        what = "志愿服务" if isinstance(event, ServiceRecorded) else "活动积分"
        reason = f"{what} {event.activity}"
        if isinstance(event, ServiceRecorded) and event.credited_minutes:
            found.append(move(minutes, issuer, holder, event.credited_minutes, reason))
        if event.points:
            found.append(move(material, issuer, holder, event.points, reason))
        if event.settled:
            found.append(move(material, holder, issuer, event.settled, "偿还冲正欠分"))
    elif isinstance(event, ServiceCorrected):
        if event.minutes_delta > 0:
            found.append(move(minutes, issuer, holder, event.minutes_delta, event.reason))
        elif event.minutes_delta < 0:
            found.append(move(minutes, holder, issuer, -event.minutes_delta, event.reason))
        if event.points_delta > 0:
            found.append(move(material, issuer, holder, event.points_delta, event.reason))
        if event.settled:
            found.append(move(material, holder, issuer, event.settled, "偿还冲正欠分"))
        if event.taken:
            found.append(move(material, holder, issuer, event.taken, event.reason))
    elif isinstance(event, MoralPointsAwarded):
        if event.points:
            found.append(move(moral, issuer, holder, event.points, event.reason))
    elif isinstance(event, MoralPointsDeducted):
        if event.points:
            found.append(move(moral, holder, issuer, event.points, event.reason))
    elif isinstance(event, PointsRedeemed):
        if event.expired:
            expiry = Account(AccountRole.EXPIRY, community)
            found.append(move(material, holder, expiry, event.expired, "积分过期"))
        point = Account(AccountRole.REDEMPTION_POINT, event.point)
        found.append(move(material, holder, point, event.points, f"兑换 {event.point}"))
    elif isinstance(event, RedemptionCancelled):
        point = Account(AccountRole.REDEMPTION_POINT, event.point)
        if event.returned:
            found.append(move(material, point, holder, event.returned, event.reason))
        if event.debt_cleared:
            found.append(move(material, point, issuer, event.debt_cleared, event.reason))
    elif isinstance(event, PointsExpired):
        if event.points:
            expiry = Account(AccountRole.EXPIRY, community)
            found.append(move(material, holder, expiry, event.points, "积分过期"))
    elif isinstance(event, AccrualReversed) and event.taken:
        found.append(move(material, holder, issuer, event.taken, event.reason))
    return iter(found)


def balance_delta(event: PassbookEvent) -> tuple[int, int, int]:
    """How an event changes the holder's (minutes, material, moral) balances.

    The same sums as :func:`entries_of` gives for the holder's account; a property test
    holds the two together.

    >>> ev = PointsExpired(holder="p-3", at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), by="p-9",
    ...                    key="k-9", through=dt.date(2025, 1, 1), points=4)
    >>> balance_delta(ev)
    (0, -4, 0)
    """
    kind = type(event)
    if kind is ServiceRecorded:
        return event.credited_minutes, event.points - event.settled, 0  # type: ignore[union-attr]
    if kind is ActivityPointsAccrued:
        return 0, event.points - event.settled, 0  # type: ignore[union-attr]
    if kind is PointsRedeemed:
        return 0, -event.points - event.expired, 0  # type: ignore[union-attr]
    if kind is PointsExpired:
        return 0, -event.points, 0  # type: ignore[union-attr]
    if kind is AccrualReversed:
        return 0, -event.taken, 0  # type: ignore[union-attr]
    if kind is RedemptionCancelled:
        return 0, event.returned, 0  # type: ignore[union-attr]
    if kind is MoralPointsAwarded:
        return 0, 0, event.points  # type: ignore[union-attr]
    if kind is MoralPointsDeducted:
        return 0, 0, -event.points  # type: ignore[union-attr]
    if isinstance(event, ServiceCorrected):
        delta = event.points_delta
        material = delta - event.settled if delta > 0 else -event.taken
        return event.minutes_delta, material, 0
    return 0, 0, 0
