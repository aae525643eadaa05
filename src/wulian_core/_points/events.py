"""The passbook's events (the record of truth) and its holders.

Events are frozen, slotted and keyword-only; each has a stable wire tag ``kind`` and
carries the holder, the instant ``at``, the acting person ``by`` and the idempotency
``key`` of the command that recorded it. They carry every number a command computed
(certified minutes, points after caps, expiry day), so replaying them needs no policy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, cast

import attrs
from attrs import field

from wulian_core import _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen, plain_twin
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode

__all__ = [
    "PASSBOOK_EVENTS",
    "AccrualReversed",
    "ActivityPointsAccrued",
    "Holder",
    "HolderKind",
    "MoralPointsAwarded",
    "MoralPointsDeducted",
    "PassbookEvent",
    "PassbookOpened",
    "PointsExpired",
    "PointsRedeemed",
    "RedemptionCancelled",
    "ServiceCorrected",
    "ServiceRecorded",
    "builder",
]


class HolderKind(LabelledEnum):
    """Whom a passbook belongs to: one person, or a household (户) of several.

    >>> HolderKind.HOUSEHOLD.value, HolderKind.HOUSEHOLD.label_zh
    ('household', '家庭户')
    """

    PERSON = "person", "个人"
    HOUSEHOLD = "household", "家庭户"


def _members(instance: Holder, attribute: Any, value: Any) -> None:
    _checks.strings()(instance, attribute, value)
    if instance.kind is HolderKind.HOUSEHOLD and not value:
        raise InvalidValue("Holder.members", value, "a household names at least one member")
    if instance.kind is HolderKind.PERSON and value:
        raise InvalidValue("Holder.members", value, "a person's passbook has no other members")


@frozen(kw_only=True)
class Holder:
    """The holder of a passbook: a person (``id`` is the person id) or a household.

    >>> home = Holder(id="hh-7", kind=HolderKind.HOUSEHOLD, community=RegionCode("150603001001"),
    ...               members={"p-1", "p-2"})
    >>> sorted(home.people)
    ['p-1', 'p-2']
    >>> Holder(id="p-3", kind=HolderKind.PERSON, community=RegionCode("150603001001")).people
    frozenset({'p-3'})
    """

    id: str = field(validator=_checks.identifier)
    kind: HolderKind = field(validator=_checks.instance_of(HolderKind))
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))
    members: frozenset[str] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_members
    )

    @property
    def people(self) -> frozenset[str]:
        """The persons the passbook belongs to: the person, or the household's members."""
        return self.members if self.kind is HolderKind.HOUSEHOLD else frozenset((self.id,))


# Validators for event fields. Each names Class.field, as every error message does.
# Every command builds an event, so the common checks take the quickest test first.


def _id(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is str and 0 < len(value) <= 64 and not value.isspace():
        return
    _checks.identifier(instance, attribute, value)


def _at(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is dt.datetime and value.tzinfo is not None and value.utcoffset() is not None:
        return
    _checks.aware_datetime(instance, attribute, value)


_day = _checks.a_date
_text = _checks.text(max_length=500)


# Points and minutes are whole numbers of at most _checks.MAX_COUNT (10**12) either way.
_count = _checks.count()
_signed = _checks.count(minimum=-_checks.MAX_COUNT)


def _flag(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not bool:
        raise InvalidValue(_checks.field_name(instance, attribute), value, "must be true or false")


def _optional_id(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _id(instance, attribute, value)


_optional_day = _checks.optional_date

# The same checks as the shared validators: the codec's decoders do them inline.
_checks.described_as(_id, *_checks.DESCRIBED[_checks.identifier])
_checks.described_as(_at, "aware", False)
_checks.described_as(_flag, "instance_of", bool, False)
_checks.described_as(_optional_id, "optional", _checks.DESCRIBED[_checks.identifier])


@frozen(kw_only=True, weakref_slot=False)
class PassbookOpened:
    """A passbook was opened for a holder: the first event of every passbook.

    >>> PassbookOpened.kind  # the stable wire tag
    'points.passbook_opened'
    """

    kind: ClassVar[str] = "points.passbook_opened"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    holder_kind: HolderKind = field(validator=_checks.instance_of(HolderKind))
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))
    members: frozenset[str] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_checks.strings()
    )


@frozen(kw_only=True, weakref_slot=False)
class ServiceRecorded:
    """Service in an activity was certified: minutes as recorded, certified, and points.

    ``settled`` of the points went to pay a debt left by a reversal; the rest form a lot
    that expires on ``expires_on`` (``None``: never).

    >>> ServiceRecorded.kind  # the stable wire tag
    'points.service_recorded'
    """

    kind: ClassVar[str] = "points.service_recorded"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    activity: str = field(validator=_id)
    on: dt.date = field(validator=_day)
    organiser: str | None = field(validator=_optional_id)
    minutes: int = field(validator=_count)
    credited_minutes: int = field(validator=_count)
    points: int = field(validator=_count)
    settled: int = field(validator=_count)
    expires_on: dt.date | None = field(validator=_optional_day)


@frozen(kw_only=True, weakref_slot=False)
class ServiceCorrected:
    """A service record was corrected with a reason (or zeroed by an upheld complaint).

    ``minutes`` is the corrected time as recorded, ``credited_minutes`` the corrected
    certified time. A fall in points takes back ``taken`` from the record's lot and
    leaves ``debt`` for what was already spent; a rise adds a lot of ``points_delta``
    less ``settled``.

    >>> ServiceCorrected.kind  # the stable wire tag
    'points.service_corrected'
    """

    kind: ClassVar[str] = "points.service_corrected"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    activity: str = field(validator=_id)
    minutes: int = field(validator=_count)
    credited_minutes: int = field(validator=_count)
    minutes_delta: int = field(validator=_signed)
    points_delta: int = field(validator=_signed)
    taken: int = field(validator=_count)
    debt: int = field(validator=_count)
    settled: int = field(validator=_count)
    expires_on: dt.date | None = field(validator=_optional_day)
    reason: str = field(validator=_text)
    complaint: bool = field(validator=_flag)


@frozen(kw_only=True, weakref_slot=False)
class ActivityPointsAccrued:
    """Material points were accrued for taking part in an activity of a policy kind.

    >>> ActivityPointsAccrued.kind  # the stable wire tag
    'points.activity_accrued'
    """

    kind: ClassVar[str] = "points.activity_accrued"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    activity: str = field(validator=_id)
    on: dt.date = field(validator=_day)
    activity_kind: str = field(validator=_id)
    organiser: str | None = field(validator=_optional_id)
    points: int = field(validator=_count)
    settled: int = field(validator=_count)
    expires_on: dt.date | None = field(validator=_optional_day)


@frozen(kw_only=True, weakref_slot=False)
class MoralPointsAwarded:
    """Moral points of a category were awarded after review.

    >>> MoralPointsAwarded.kind  # the stable wire tag
    'points.moral_awarded'
    """

    kind: ClassVar[str] = "points.moral_awarded"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    category: str = field(validator=_id)
    points: int = field(validator=_count)
    reason: str = field(validator=_text)


@frozen(kw_only=True, weakref_slot=False)
class MoralPointsDeducted:
    """Moral points of a category were deducted; a serious violation bars redemption.

    >>> MoralPointsDeducted.kind  # the stable wire tag
    'points.moral_deducted'
    """

    kind: ClassVar[str] = "points.moral_deducted"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    category: str = field(validator=_id)
    points: int = field(validator=_count)
    reason: str = field(validator=_text)
    serious: bool = field(validator=_flag)
    barred_until: dt.date | None = field(validator=_optional_day)


@frozen(kw_only=True, weakref_slot=False)
class PointsRedeemed:
    """Material points went to a redemption point, oldest lots first; the order is ``key``.

    ``expired`` points, due before the redemption, expired first (written here so that
    expired points are never spent). ``item`` is set when a catalogue placed the order.

    >>> PointsRedeemed.kind  # the stable wire tag
    'points.redeemed'
    """

    kind: ClassVar[str] = "points.redeemed"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    points: int = field(validator=_count)
    point: str = field(validator=_id)
    item: str | None = field(validator=_optional_id)
    expired: int = field(validator=_count)


@frozen(kw_only=True, weakref_slot=False)
class RedemptionCancelled:
    """A redemption was cancelled: its points came back from the redemption point.

    ``returned`` went back to the holder's lots; ``debt_cleared`` went to the issuer,
    paying the debt that a reversal of those lots had left.

    >>> RedemptionCancelled.kind  # the stable wire tag
    'points.redemption_cancelled'
    """

    kind: ClassVar[str] = "points.redemption_cancelled"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    order: str = field(validator=_id)
    point: str = field(validator=_id)
    returned: int = field(validator=_count)
    debt_cleared: int = field(validator=_count)
    reason: str = field(validator=_text)


@frozen(kw_only=True, weakref_slot=False)
class PointsExpired:
    """Lots due on or before ``through`` (a local date) expired: ``points`` in all.

    >>> PointsExpired.kind  # the stable wire tag
    'points.expired'
    """

    kind: ClassVar[str] = "points.expired"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    through: dt.date = field(validator=_day)
    points: int = field(validator=_count)


@frozen(kw_only=True, weakref_slot=False)
class AccrualReversed:
    """An accrual (named by its key) was reversed: ``taken`` back, ``debt`` left owing.

    >>> AccrualReversed.kind  # the stable wire tag
    'points.accrual_reversed'
    """

    kind: ClassVar[str] = "points.accrual_reversed"
    holder: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    accrual: str = field(validator=_id)
    taken: int = field(validator=_count)
    debt: int = field(validator=_count)
    reason: str = field(validator=_text)


PassbookEvent = (
    PassbookOpened
    | ServiceRecorded
    | ServiceCorrected
    | ActivityPointsAccrued
    | MoralPointsAwarded
    | MoralPointsDeducted
    | PointsRedeemed
    | RedemptionCancelled
    | PointsExpired
    | AccrualReversed
)
"""Any event of a passbook; ``codec.from_json(PassbookEvent, text)`` reads one back."""

PASSBOOK_EVENTS: tuple[type[Any], ...] = (
    PassbookOpened,
    ServiceRecorded,
    ServiceCorrected,
    ActivityPointsAccrued,
    MoralPointsAwarded,
    MoralPointsDeducted,
    PointsRedeemed,
    RedemptionCancelled,
    PointsExpired,
    AccrualReversed,
)


T = TypeVar("T")


def builder(cls: type[T]) -> Callable[..., T]:
    """A keyword-only constructor of ``cls`` that skips the field validators.

    For commands only: a command validates every input before it builds its event, and
    computes the other fields as integers, so checking them again would only cost time
    (a third of a command's). Decoding and direct construction always validate.

    >>> make = builder(PointsExpired)
    >>> ev = make(holder="p-3", at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), by="p-9",
    ...           key="k-9", through=dt.date(2025, 1, 1), points=4)
    >>> ev == PointsExpired(**attrs.asdict(ev)), type(ev) is PointsExpired
    (True, True)
    """
    names = [a.name for a in attrs.fields(cast("Any", cls))]
    twin = plain_twin(cast("type", cls))
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, "twin": twin}
    lines = [f"def build(*, {', '.join(names)}):"]
    if twin is not None:
        # Filled as the twin, whose slots take plain stores, then made the event it is.
        lines.append("    made = new(twin)")
        lines.extend(f"    made.{name} = {name}" for name in names)
        lines.append("    made.__class__ = cls")
    else:
        lines.append("    made = new(cls)")
        for i, name in enumerate(names):
            namespace[f"set{i}"] = getattr(cls, name).__set__  # the slot's own descriptor
            lines.append(f"    set{i}(made, {name})")
    lines.append("    return made")
    exec("\n".join(lines), namespace)  # the source is built from attrs field names only
    build: Callable[..., T] = namespace["build"]
    return build
