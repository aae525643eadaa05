"""The electronic passbook (电子存折): service time, material points and moral points.

A :class:`Passbook` belongs to a holder, a person or a household, and keeps three
ledgers: certified service minutes, material points (物质积分, earned and spendable) and
moral points (品德积分, which only evaluate behaviour). Every movement is a transfer
between two accounts of one ledger, so each ledger sums to zero; a redeemable balance
never goes below zero; an idempotency key applies a command once.

Moral points cannot be spent by construction: :meth:`Passbook.redeem` takes no ledger
argument and moves material points only, moral points have their own award and
deduction commands, and nothing moves points of a kind given as an argument.

>>> import datetime as dt
>>> from wulian_core.calendar import SHANGHAI
>>> from wulian_core.people import Actor, Grant, Role, Scope
>>> from wulian_core.regions import RegionCode
>>> T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
>>> home = RegionCode("150603001001")
>>> worker = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
>>> book = Passbook.open(Holder(id="p-3", kind=HolderKind.PERSON, community=home),
...                      policy=PointsPolicy.practice(), by=worker, at=T0)
>>> _ = book.record_service(activity="act-1", on=T0.date(), minutes=150, by=worker,
...                         at=T0, key="svc-1")
>>> book.balance(Ledger.SERVICE_MINUTES), book.balance(Ledger.MATERIAL)
(120, 2)
>>> _ = book.redeem(points=1, point="supermarket-1", by=Actor("p-3"), at=T0, key="r-1")
>>> book.balance(), book.version
(1, 3)

Around the passbook: a :class:`Catalogue` is a points supermarket's shelf; a
:class:`ShopRegistry` lists a street's redemption points with their rates in yuan, books
services by appointment, and :func:`settle_month` pays each point; a
:class:`MoralNoticeBoard` posts moral awards in public (公示) before they count.

This module is the face of the passbook: it only re-exports. The implementation lives
in the private package ``wulian_core._points``, one whole thing per module.

See ``docs/points.md`` for the ledgers, the policy file and every command.
"""

from __future__ import annotations

from typing import Any, Final

from ._points.catalogue import Catalogue
from ._points.catalogue_events import (
    CatalogueEvent,
    CatalogueOpened,
    ItemListed,
    ItemPickedUp,
    ItemReserved,
    PickupStatus,
    Reservation,
    ReservationCancelled,
    StockDonated,
)
from ._points.events import (
    PASSBOOK_EVENTS,
    AccrualReversed,
    ActivityPointsAccrued,
    Holder,
    HolderKind,
    MoralPointsAwarded,
    MoralPointsDeducted,
    PassbookEvent,
    PassbookOpened,
    PointsExpired,
    PointsRedeemed,
    RedemptionCancelled,
    ServiceCorrected,
    ServiceRecorded,
)
from ._points.guard import OrganiserOnRecord
from ._points.ledger import Account, AccountRole, Entry, Ledger
from ._points.notice_board import MoralNoticeBoard, PostedAward
from ._points.notice_events import (
    NOTICE_EVENTS,
    AwardPosted,
    BoardOpened,
    NoticeEvent,
    ObjectionRaised,
    ObjectionReviewed,
    PostedAwardCredited,
    PostingStatus,
)
from ._points.passbook import Passbook
from ._points.policy import (
    ActivityRule,
    MoralCategory,
    MoralRule,
    Period,
    PointsPolicy,
    RedemptionRule,
    Rounding,
    ServiceRule,
    Term,
    TermKind,
    star_level,
)
from ._points.ranking import Ranked, rank_passbooks
from ._points.settlement import Settlement, SettlementLine, settle_month, settle_months
from ._points.shop_events import (
    SHOP_EVENTS,
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentKept,
    AppointmentStatus,
    PointKind,
    PointRegistered,
    PointReinstated,
    PointSuspended,
    RegistryOpened,
    ShopEvent,
    SlotOpened,
)
from ._points.shops import Appointment, RedemptionPoint, ShopRegistry
from ._points.statement import Statement, StatementLine

__all__ = [
    "WIRE_UNIONS",
    "Account",
    "AccountRole",
    "AccrualReversed",
    "ActivityPointsAccrued",
    "ActivityRule",
    "Appointment",
    "AppointmentBooked",
    "AppointmentCancelled",
    "AppointmentKept",
    "AppointmentStatus",
    "AwardPosted",
    "BoardOpened",
    "Catalogue",
    "CatalogueEvent",
    "CatalogueOpened",
    "Entry",
    "Holder",
    "HolderKind",
    "ItemListed",
    "ItemPickedUp",
    "ItemReserved",
    "Ledger",
    "MoralCategory",
    "MoralNoticeBoard",
    "MoralPointsAwarded",
    "MoralPointsDeducted",
    "MoralRule",
    "NoticeEvent",
    "ObjectionRaised",
    "ObjectionReviewed",
    "OrganiserOnRecord",
    "Passbook",
    "PassbookEvent",
    "PassbookOpened",
    "Period",
    "PickupStatus",
    "PointKind",
    "PointRegistered",
    "PointReinstated",
    "PointSuspended",
    "PointsExpired",
    "PointsPolicy",
    "PointsRedeemed",
    "PostedAward",
    "PostedAwardCredited",
    "PostingStatus",
    "Ranked",
    "RedemptionCancelled",
    "RedemptionPoint",
    "RedemptionRule",
    "RegistryOpened",
    "Reservation",
    "ReservationCancelled",
    "Rounding",
    "ServiceCorrected",
    "ServiceRecorded",
    "ServiceRule",
    "Settlement",
    "SettlementLine",
    "ShopEvent",
    "ShopRegistry",
    "SlotOpened",
    "Statement",
    "StatementLine",
    "StockDonated",
    "Term",
    "TermKind",
    "rank_passbooks",
    "settle_month",
    "settle_months",
    "star_level",
]


WIRE_UNIONS: Final[tuple[tuple[Any, tuple[type[Any], ...]], ...]] = (
    (PassbookEvent, PASSBOOK_EVENTS),
    (
        CatalogueEvent,
        (
            CatalogueOpened,
            ItemListed,
            StockDonated,
            ItemReserved,
            ItemPickedUp,
            ReservationCancelled,
        ),
    ),
    (ShopEvent, SHOP_EVENTS),
    (NoticeEvent, NOTICE_EVENTS),
)
"""The tagged unions the codec registers: passbook, catalogue, shop registry and notice
board events, by ``kind``."""
