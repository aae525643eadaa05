"""The events of an activity's life: opened, signed up, waitlisted, attended, certified.

Names are past tense; each event is frozen, names its activity and carries ``at`` and
``by``; its ``kind`` is the stable wire tag.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Final

from attrs import field

from wulian_core._frozen import frozen
from wulian_core.model import ServiceArea
from wulian_core.regions import RegionCode

from . import checks
from .values import Audience, Labelled, Organiser, ParticipantKind

__all__ = [
    "ACTIVITY_EVENTS",
    "ActivityCancelled",
    "ActivityEvent",
    "ActivityOpened",
    "AttendanceCertified",
    "CheckedIn",
    "CheckedOut",
    "InvitationAnswered",
    "Invited",
    "ParticipantsNotified",
    "Place",
    "PromotedFromWaitlist",
    "SignedUp",
    "Withdrew",
]


class Place(Labelled):
    """Where a sign-up landed: a confirmed place or the waitlist.

    >>> Place.WAITLISTED.label_zh
    '候补'
    """

    CONFIRMED = "confirmed", "已确认"
    WAITLISTED = "waitlisted", "候补"


@frozen(kw_only=True)
class ActivityOpened:
    """An organiser on record opened an activity for sign-up (活动发布).

    >>> ActivityOpened.kind
    'activity.opened'
    """

    kind: ClassVar[str] = "activity.opened"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    organiser: Organiser = field(validator=checks.instance_of(Organiser))
    title: str = field(validator=checks.text())
    community: RegionCode = field(validator=checks.instance_of(RegionCode))
    place: str = field(validator=checks.text())
    area: ServiceArea = field(validator=checks.instance_of(ServiceArea))
    starts: dt.datetime = field(validator=checks.aware)
    ends: dt.datetime = field(validator=checks.aware)
    capacity: int = field(validator=checks.whole(minimum=1, maximum=100_000))
    audience: Audience = field(validator=checks.instance_of(Audience))
    joint: bool = field(validator=checks.instance_of(bool))
    skills: frozenset[str] = field(
        default=frozenset(), converter=checks.to_frozenset, validator=checks.members(str)
    )

    def __attrs_post_init__(self) -> None:
        checks.window("starts", "ends")(self)


@frozen(kw_only=True)
class SignedUp:
    """A person signed up (报名); ``place`` says whether confirmed or waitlisted.

    >>> SignedUp.kind
    'activity.signed_up'
    """

    kind: ClassVar[str] = "activity.signed_up"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    person: str = field(validator=checks.ident)
    role: ParticipantKind = field(validator=checks.instance_of(ParticipantKind))
    place: Place = field(validator=checks.instance_of(Place))


@frozen(kw_only=True)
class Withdrew:
    """A person withdrew their sign-up (取消报名).

    >>> Withdrew.kind
    'activity.withdrew'
    """

    kind: ClassVar[str] = "activity.withdrew"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    person: str = field(validator=checks.ident)


@frozen(kw_only=True)
class PromotedFromWaitlist:
    """The first on the waitlist took the place a withdrawal freed (候补转正).

    >>> PromotedFromWaitlist.kind
    'activity.promoted'
    """

    kind: ClassVar[str] = "activity.promoted"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    person: str = field(validator=checks.ident)


@frozen(kw_only=True)
class CheckedIn:
    """A confirmed participant checked in (签到).

    >>> CheckedIn.kind
    'activity.checked_in'
    """

    kind: ClassVar[str] = "activity.checked_in"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    person: str = field(validator=checks.ident)


@frozen(kw_only=True)
class CheckedOut:
    """A participant checked out (签退); their attended minutes run from check-in to here.

    >>> CheckedOut.kind
    'activity.checked_out'
    """

    kind: ClassVar[str] = "activity.checked_out"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    person: str = field(validator=checks.ident)


@frozen(kw_only=True)
class AttendanceCertified:
    """The organiser on record certified a participant's minutes (谁组织谁记录, 谁记录谁证明).

    >>> AttendanceCertified.kind
    'activity.certified'
    """

    kind: ClassVar[str] = "activity.certified"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    person: str = field(validator=checks.ident)
    minutes: int = field(validator=checks.whole(minimum=0, maximum=24 * 60))


@frozen(kw_only=True)
class ActivityCancelled:
    """The organiser cancelled the activity; nothing is certified or credited after it.

    >>> ActivityCancelled.kind
    'activity.cancelled'
    """

    kind: ClassVar[str] = "activity.cancelled"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    reason: str = field(validator=checks.text(limit=500))


@frozen(kw_only=True)
class ParticipantsNotified:
    """Everyone signed up or waitlisted was told (通知), for the app to deliver.

    >>> ParticipantsNotified.kind
    'activity.notified'
    """

    kind: ClassVar[str] = "activity.notified"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    persons: frozenset[str] = field(converter=checks.to_frozenset, validator=checks.members(str))
    message: str = field(validator=checks.text(limit=500))


@frozen(kw_only=True)
class Invited:
    """A person was invited to take part (邀您参与), with the reason they fit.

    >>> Invited.kind
    'activity.invited'
    """

    kind: ClassVar[str] = "activity.invited"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    person: str = field(validator=checks.ident)
    role: ParticipantKind = field(validator=checks.instance_of(ParticipantKind))
    reason: str = field(validator=checks.text(limit=500))


@frozen(kw_only=True)
class InvitationAnswered:
    """An invited person replied; an acceptance also signs them up.

    >>> InvitationAnswered.kind
    'activity.invitation_answered'
    """

    kind: ClassVar[str] = "activity.invitation_answered"
    activity: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    person: str = field(validator=checks.ident)
    accepted: bool = field(validator=checks.instance_of(bool))


ActivityEvent = (
    ActivityOpened
    | SignedUp
    | Withdrew
    | PromotedFromWaitlist
    | CheckedIn
    | CheckedOut
    | AttendanceCertified
    | ActivityCancelled
    | ParticipantsNotified
    | Invited
    | InvitationAnswered
)
ACTIVITY_EVENTS: Final = (
    ActivityOpened,
    SignedUp,
    Withdrew,
    PromotedFromWaitlist,
    CheckedIn,
    CheckedOut,
    AttendanceCertified,
    ActivityCancelled,
    ParticipantsNotified,
    Invited,
    InvitationAnswered,
)
