"""The checks every passbook command shares: its frame, who may act, what a retry is."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from ._points_events import (
    AccrualReversed,
    ActivityPointsAccrued,
    Holder,
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
from .errors import InvalidValue, PermissionDenied
from .people import Actor, Role, ScopeKind
from .regions import RegionCode

_MAX_MINUTES: Final = 24 * 60  # one record is one activity on one day
# Who reviews points for a community: its workers and its secretary.
_STAFF = (Role.COMMUNITY_WORKER, Role.COMMUNITY_SECRETARY)


def minutes_of(value: object, name: str) -> int:
    """Whole minutes of one record, 0 to 1,440."""
    if type(value) is not int or not 0 <= value <= _MAX_MINUTES:
        raise InvalidValue(name, value, f"must be whole minutes from 0 to {_MAX_MINUTES}")
    return value


def day_of(value: object, name: str, today: dt.date) -> dt.date:
    """A date not after ``today``: service is recorded after it happens."""
    if type(value) is not dt.date:
        raise InvalidValue(name, value, "must be a date (not a datetime)")
    if value > today:
        raise InvalidValue(name, value, f"must not be after the day it is recorded ({today})")
    return value


def ident(value: object, name: str) -> str:
    """A non-blank identifier of at most 64 characters."""
    if type(value) is str and 0 < len(value) <= 64 and not value.isspace():
        return value
    raise InvalidValue(name, value, "must be a non-blank string of at most 64 characters")


def reason_of(value: object, name: str) -> str:
    """A non-blank reason of at most 500 characters."""
    if type(value) is str and 0 < len(value) <= 500 and not value.isspace():
        return value
    raise InvalidValue(name, value, "must be a non-blank reason of at most 500 characters")


def check_command(name: str, by: object, at: object, key: object) -> None:
    """The acting actor, an aware instant and a usable key, or InvalidValue naming which.

    >>> check_command("Passbook.redeem", Actor("p-1"), dt.datetime(2024, 3, 1), "k-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.redeem.at: must be a timezone-aware datetime (got ...)
    """
    if type(by) is not Actor and not isinstance(by, Actor):
        raise InvalidValue(f"{name}.by", by, "must be an Actor")
    if not isinstance(at, dt.datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise InvalidValue(f"{name}.at", at, "must be a timezone-aware datetime")
    if type(key) is not str or not key.strip() or len(key) > 64:
        raise InvalidValue(
            f"{name}.key", key, "must be a non-blank string of at most 64 characters"
        )


def is_staff(actor: Actor, community: RegionCode) -> bool:
    """Whether the actor is a community worker or secretary of ``community``.

    >>> from wulian_core.people import Grant, Scope
    >>> home = RegionCode("150603001001")
    >>> is_staff(Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))}), home)
    True
    >>> is_staff(Actor("p-9"), home)
    False
    """
    for grant in actor.grants:  # a plain loop: this runs on every recording command
        scope = grant.scope
        if (
            grant.role in _STAFF
            and scope.kind is ScopeKind.REGION
            and community.startswith(scope.key)
        ):
            return True
    return False


def not_own(command: str, actor: Actor, people: frozenset[str]) -> None:
    """Refuse an actor who holds the passbook, or belongs to its household."""
    if actor.person in people:  # the holder, or a member of the household
        raise PermissionDenied(
            command, actor.person, "nobody records points into their own passbook"
        )


def request_of(event: PassbookEvent) -> tuple[Any, ...]:
    """What the command that recorded ``event`` was asked: a retry must ask the same."""
    if isinstance(event, ServiceRecorded):
        return (
            "record_service",
            event.by,
            event.activity,
            event.on,
            event.organiser,
            event.minutes,
        )
    if isinstance(event, ServiceCorrected):
        return (
            "correct_service",
            event.by,
            event.activity,
            event.minutes,
            event.reason,
            event.complaint,
        )
    if isinstance(event, ActivityPointsAccrued):
        return (
            "accrue_activity",
            event.by,
            event.activity,
            event.on,
            event.activity_kind,
            event.organiser,
        )
    if isinstance(event, MoralPointsAwarded):
        return ("award_moral", event.by, event.category, event.reason)
    if isinstance(event, MoralPointsDeducted):
        return ("deduct_moral", event.by, event.category, event.reason, event.serious)
    if isinstance(event, PointsRedeemed):
        return ("redeem", event.by, event.points, event.point, event.item)
    if isinstance(event, RedemptionCancelled):
        return ("cancel_redemption", event.by, event.order, event.reason)
    if isinstance(event, PointsExpired):
        return ("expire", event.through)
    if isinstance(event, AccrualReversed):
        return ("reverse", event.by, event.accrual, event.reason)
    if isinstance(event, PassbookOpened):
        return ("open", event.by)
    raise InvalidValue("event", event, "is not a passbook event")  # pragma: no cover


def example() -> tuple[Any, Actor, Actor, dt.datetime]:
    """``(passbook, worker, holder, at)`` for the doctests: person p-3 of community
    150603001001 under the practice policy, community worker p-9, 2024-03-01 09:00.

    >>> book, worker, me, at = example()
    >>> book.holder.id, worker.person, me.person, at.isoformat()
    ('p-3', 'p-9', 'p-3', '2024-03-01T09:00:00+08:00')
    """
    from .calendar import SHANGHAI
    from .people import Grant, Scope
    from .points import HolderKind, Passbook, PointsPolicy

    home = RegionCode("150603001001")
    worker = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    at = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
    holder = Holder(id="p-3", kind=HolderKind.PERSON, community=home)
    book = Passbook.open(holder, policy=PointsPolicy.practice(), by=worker, at=at)
    return book, worker, Actor("p-3"), at
