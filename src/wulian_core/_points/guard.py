"""The checks every passbook command shares: its frame, who may act, what a retry is.

The argument checks are :mod:`wulian_core._checks`'; here each runs its quick test
first (``type(x) is ...``, what every well-formed command passes) and calls the full
check, which names the argument, only when that fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from wulian_core import _checks
from wulian_core.errors import IdempotencyConflict, IntegrityError, InvalidValue, PermissionDenied
from wulian_core.people import Actor, Role, ScopeKind
from wulian_core.regions import RegionCode

from .events import (
    AccrualReversed,
    ActivityPointsAccrued,
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
from .state import PassbookState

__all__ = [
    "KeyedFrame",
    "OrganiserOnRecord",
    "check_command",
    "checked",
    "day_of",
    "frame",
    "ident",
    "is_staff",
    "is_staff_in",
    "is_worker",
    "may_record",
    "may_review",
    "minutes_of",
    "not_own",
    "organiser_of",
    "reason_of",
    "recorded",
    "request_of",
    "retry",
    "stored",
]

_MAX_MINUTES: Final = 24 * 60  # one record is one activity on one day
# Who reviews points for a community: its workers and its secretary.
_STAFF = (Role.COMMUNITY_WORKER, Role.COMMUNITY_SECRETARY)
# tzinfo types whose utcoffset() is never None: an instant with one of these (exactly)
# is aware without asking, which is a third of the cost of asking (bench/bench_points.py).
_ALWAYS_AWARE: Final = frozenset((ZoneInfo, dt.timezone))
_EARLIEST, _LATEST = _checks.EARLIEST_YEAR, _checks.LATEST_YEAR
_REGION: Final = ScopeKind.REGION  # an enum member read through its class costs ten times more


def minutes_of(value: object, name: str) -> int:
    """Whole minutes of one record, 0 to 1,440.

    >>> minutes_of(1441, "Passbook.record_service.minutes")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.record_service.minutes: must be whole minutes from 0 to 1440 (got 1441)
    """
    if type(value) is not int or not 0 <= value <= _MAX_MINUTES:
        raise InvalidValue(name, value, f"must be whole minutes from 0 to {_MAX_MINUTES}")
    return value


def day_of(value: object, name: str, today: dt.date) -> dt.date:
    """A date not after ``today``: service is recorded after it happens.

    >>> day_of(dt.date(2024, 3, 2), "Passbook.record_service.on", dt.date(2024, 3, 1))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.record_service.on: must not be after the day it is recorded ...)
    """
    day = value if type(value) is dt.date else _checks.arg_date(value, name)
    if day > today:
        raise InvalidValue(name, value, f"must not be after the day it is recorded ({today})")
    return day


def ident(value: object, name: str) -> str:
    """A non-blank identifier of at most 64 characters.

    >>> ident("act-1", "Passbook.record_service.activity")
    'act-1'
    """
    if type(value) is str and 0 < len(value) <= 64 and not value.isspace():
        return value
    return _checks.arg_id(value, name)


def reason_of(value: object, name: str) -> str:
    """A non-blank reason of at most 500 characters.

    >>> reason_of(" ", "Passbook.reverse.reason")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.reverse.reason: must be a non-blank string of ...
    """
    if type(value) is str and 0 < len(value) <= 500 and not value.isspace():
        return value
    return _checks.arg_text(value, name, limit=500)


def check_command(name: str, by: object, at: object, key: object) -> None:
    """The acting actor, an aware instant and a usable key, or InvalidValue naming which.

    >>> check_command("Passbook.redeem", Actor("p-1"), dt.datetime(2024, 3, 1), "k-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.redeem.at: must be a timezone-aware datetime (got ...)
    """
    if type(by) is not Actor and not isinstance(by, Actor):
        raise InvalidValue(f"{name}.by", by, "must be an Actor")
    _checks.arg_aware(at, f"{name}.at")
    _checks.arg_id(key, f"{name}.key")


def frame(
    book: PassbookState, command: str, by: Actor, at: dt.datetime, key: str
) -> PassbookEvent | None:
    """Check the frame of a command on ``book``; the stored event when ``key`` was used.

    A well-formed frame passes the quick test; anything else gets the full check, which
    names the argument (an instant whose tzinfo gives no offset is not aware).

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> frame(book, "redeem", me, at, "r-1") is None
    True
    """
    checked(command, by, at, key)
    return recorded(book, command, at, key)


def checked(command: str, by: object, at: object, key: object) -> None:
    """:func:`check_command` for ``Passbook.<command>``, its quick test first.

    >>> checked("expire", Actor("p-1"), dt.datetime(2024, 3, 1), "k-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.expire.at: must be a timezone-aware datetime (got ...)
    """
    if not (
        type(by) is Actor
        and type(at) is dt.datetime
        and type(at.tzinfo) in _ALWAYS_AWARE
        and _EARLIEST <= at.year <= _LATEST
        and type(key) is str
        and 0 < len(key) <= 64
        and not key.isspace()  # a blank key is refused, as the event's own check would
    ):  # the quick test first: every command passes here; the full one names the field
        check_command(f"Passbook.{command}", by, at, key)


def recorded(book: PassbookState, command: str, at: dt.datetime, key: str) -> PassbookEvent | None:
    """The second half of :func:`frame`, for a frame checked already: the stored event
    when ``key`` was used; otherwise ``at`` must not be before the last event.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> type(recorded(book, "expire", at, "opened")).__name__
    'PassbookOpened'
    """
    seq = book._by_key.get(key)
    if seq is not None:
        return book._events[seq]
    last = book._events[-1].at
    if at < last:
        raise InvalidValue(
            f"Passbook.{command}.at", at, f"must not be before the last event ({last})"
        )
    return None


def stored(book: PassbookState, key: str) -> PassbookEvent | None:
    """The event ``book`` recorded under ``key``, if any: what a retry answers with.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> type(stored(book, "opened")).__name__, stored(book, "k-1")
    ('PassbookOpened', None)
    """
    return book._event(key) if type(key) is str else None


def retry(stored: PassbookEvent, request: tuple[Any, ...]) -> tuple[PassbookEvent, ...]:
    """The stored result of a retry, or IdempotencyConflict when it asks otherwise."""
    if request_of(stored) != request:
        raise IdempotencyConflict(stored.key)
    return (stored,)


def retry_both(
    mine: Any,
    book: PassbookState,
    key: str,
    request: tuple[Any, ...],
    asked: Callable[[Any], tuple[Any, ...]],
) -> tuple[Any, ...] | None:
    """A retry of a command that records in a passbook and in another stream together.

    ``mine`` is what the other stream (a catalogue, a shop registry, a notice board)
    recorded under ``key``, and ``asked`` reads that stream's event back as its request.
    ``None`` when neither recorded the key: the command runs. Both events, the passbook's
    first, when both did and the request is the same; a key found in only one of them, or
    asked otherwise, is an IdempotencyConflict.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> retry_both(None, book, "k-new", ("redeem",), asked=request_of) is None
    True
    """
    theirs = stored(book, key)
    if mine is None and theirs is None:
        return None
    if mine is None or theirs is None or asked(mine) != request:
        raise IdempotencyConflict(key)
    return (theirs, mine)


@runtime_checkable
class OrganiserOnRecord(Protocol):
    """An activity's organiser on record, as the passbook asks it: who acts for it.

    :class:`wulian_core.volunteering.Organiser` is one (``CommunityActivity.organiser``
    is the one an activity holds). The passbook never takes a person id for an
    organiser: the app looks the activity up and passes what it has on record, so
    naming oneself organiser in a request credits nothing (谁组织谁记录).

    >>> from wulian_core.volunteering import Organiser
    >>> isinstance(Organiser.of_community(RegionCode("150603001001")), OrganiserOnRecord)
    True
    >>> isinstance("p-3", OrganiserOnRecord)
    False
    """

    def may_certify(self, actor: Actor, /) -> bool:
        """Whether ``actor`` acts for the organiser (its named staff, or posted to it)."""


def organiser_of(organiser: object, command: str) -> OrganiserOnRecord | None:
    """``organiser`` when it is ``None`` or an organiser on record; a person id is refused.

    >>> organiser_of("p-3", "record_service")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.record_service.organiser: must be the activity's organiser on record ...
    """
    if organiser is None or isinstance(organiser, OrganiserOnRecord):
        return organiser
    raise InvalidValue(
        f"Passbook.{command}.organiser",
        organiser,
        "must be the activity's organiser on record (an Organiser), not a person id",
    )


def may_record(
    book: PassbookState, command: str, by: Actor, organiser: OrganiserOnRecord | None
) -> None:
    """Refuse all but the staff of the activity's organiser on record and the community's
    staff (never the holder or the household)."""
    if by.person in book._people:
        not_own(command, by, book._people)
    if is_staff(by, book._holder.community):
        return
    if organiser is None or not organiser.may_certify(by):
        raise PermissionDenied(
            command, by.person, "only the activity's organiser or a community worker records"
        )


def may_review(book: PassbookState, command: str, by: Actor) -> None:
    """Refuse all but the community's workers and secretary (never the holder)."""
    not_own(command, by, book._people)
    if not is_staff(by, book._holder.community):
        raise PermissionDenied(command, by.person, "only a community worker or secretary")


def is_staff(actor: Actor, community: RegionCode) -> bool:
    """Whether the actor is a community worker or secretary of ``community``.

    >>> from wulian_core.people import Grant, Scope
    >>> home = RegionCode("150603001001")
    >>> is_staff(Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))}), home)
    True
    >>> is_staff(Actor("p-9"), home)
    False
    >>> is_staff(Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(RegionCode("150603001002")))}), home)
    False
    """
    for grant in actor.grants:  # is_staff_in's loop, one call less: every recording asks
        scope = grant.scope
        if grant.role in _STAFF and scope.kind is _REGION and scope.key == community:
            return True
    return False


def is_worker(actor: Actor, community: RegionCode) -> bool:
    """Whether the actor is a community worker of ``community`` (its secretary is not).

    >>> from wulian_core.people import Grant, Scope
    >>> home = RegionCode("150603001001")
    >>> is_worker(Actor("p-9", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(home))}), home)
    False
    """
    return is_staff_in(actor, community, (Role.COMMUNITY_WORKER,))


def is_staff_in(actor: Actor, community: RegionCode, roles: tuple[Role, ...]) -> bool:
    """Whether the actor holds one of ``roles`` over exactly ``community``.

    Exactly: a grant is over one community (``Grant`` refuses a wider one), and staff of
    one community are nobody's staff in the next.

    >>> from wulian_core.people import Grant, Scope
    >>> home = RegionCode("150603001001")
    >>> is_staff_in(Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))}), home,
    ...             (Role.COMMUNITY_WORKER,))
    True
    """
    # A RegionCode is a str and compares as its digits: no copy of it is needed.
    for grant in actor.grants:  # a plain loop: this runs on every recording command
        scope = grant.scope
        if grant.role in roles and scope.kind is _REGION and scope.key == community:
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


class KeyedFrame:
    """The command frame of the catalogue, the shop registry and the notice board.

    Each of their commands checks the actor, the instant and the key; answers a key it
    has seen with the event it recorded (the same request) or :class:`IdempotencyConflict`
    (another); refuses an instant before its last event; then records what the decision
    returned. The class supplies ``_record`` (its state) and ``_request_of`` (the request
    an event answered).
    """

    __slots__ = ()
    _events: list[Any]
    _by_key: dict[str, Any]

    def _record(self, event: Any) -> None:  # pragma: no cover - each aggregate's state
        raise NotImplementedError

    def _request_of(self, event: Any) -> tuple[Any, ...]:  # pragma: no cover
        raise NotImplementedError

    def _start(
        self, command: str, by: Actor, at: dt.datetime, key: str, request: tuple[Any, ...]
    ) -> Any:
        name = f"{type(self).__name__}.{command}"
        check_command(name, by, at, key)
        found = self._by_key.get(key)
        if found is not None:
            if self._request_of(found) != request:
                raise IdempotencyConflict(key)
            return found
        last = self._events[-1].at
        if at < last:
            raise InvalidValue(f"{name}.at", at, f"must not be before the last event ({last})")
        return None

    def _commit(self, events: tuple[Any, ...]) -> tuple[Any, ...]:
        for event in events:
            self._record(event)
        return events

    def _replay(self, history: list[Any], kinds: Any, owner: str, field: str) -> None:
        """Record ``history`` (its opening first), refusing what no commands could make:
        an event of another kind or owner, a reused key, time running backwards."""
        for index, event in enumerate(history):
            if type(event) not in kinds or getattr(event, field) != owner:
                raise IntegrityError([f"event {index} is not an event of {owner}"])
            if event.key in self._by_key:
                raise IntegrityError([f"event {index} reuses key {event.key!r}"])
            if self._events and event.at < self._events[-1].at:
                raise IntegrityError([f"event {index} is earlier than the one before"])
            self._record(event)
