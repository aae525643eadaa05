"""An activity's state and its one ``apply`` path: a table of small functions, one per event.

The state is plain slots updated in place, so an event costs a lookup and a few writes,
never a copy. Sign-ups keep their order (dicts do), which is the waitlist's order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from .aggregate import EventSourced
from .events import (
    ActivityCancelled,
    ActivityOpened,
    AttendanceCertified,
    CheckedIn,
    CheckedOut,
    InvitationAnswered,
    Invited,
    ParticipantsNotified,
    Place,
    PromotedFromWaitlist,
    SignedUp,
    Withdrew,
)
from .values import Labelled, ParticipantKind

__all__ = ["APPLY", "ActivityState", "ActivityStatus"]


class ActivityStatus(Labelled):
    """Where an activity stands: open for sign-up and attendance, or cancelled.

    >>> ActivityStatus.CANCELLED.label_zh
    '已取消'
    """

    OPEN = "open", "报名中"
    CANCELLED = "cancelled", "已取消"


class ActivityState(EventSourced):
    """The state of one activity, kept by :data:`APPLY`. Changed only by recording events."""

    __slots__ = (
        "_certified",
        "_checked_in",
        "_checked_out",
        "_confirmed",
        "_invited",
        "_opened",
        "_replies",
        "_roles",
        "_status",
        "_waitlist",
    )

    _opened: ActivityOpened
    _status: ActivityStatus
    _confirmed: dict[str, None]  # ordered sets: sign-up order is the waitlist's order
    _waitlist: dict[str, None]
    _roles: dict[str, ParticipantKind]
    _checked_in: dict[str, dt.datetime]
    _checked_out: dict[str, dt.datetime]
    _certified: dict[str, int]
    _invited: dict[str, Invited]
    _replies: dict[str, bool]

    def _start(self, first: Any) -> None:
        self._opened = first
        self._status = ActivityStatus.OPEN
        self._confirmed = {}
        self._waitlist = {}
        self._roles = {}
        self._checked_in = {}
        self._checked_out = {}
        self._certified = {}
        self._invited = {}
        self._replies = {}
        super()._start(first)


def _opened(state: ActivityState, event: ActivityOpened) -> None:
    pass  # _start keeps the opening event


def _signed_up(state: ActivityState, event: SignedUp) -> None:
    target = state._confirmed if event.place is Place.CONFIRMED else state._waitlist
    target[event.person] = None
    state._roles[event.person] = event.role


def _withdrew(state: ActivityState, event: Withdrew) -> None:
    state._confirmed.pop(event.person, None)
    state._waitlist.pop(event.person, None)


def _promoted(state: ActivityState, event: PromotedFromWaitlist) -> None:
    del state._waitlist[event.person]
    state._confirmed[event.person] = None


def _checked_in(state: ActivityState, event: CheckedIn) -> None:
    state._checked_in[event.person] = event.at


def _checked_out(state: ActivityState, event: CheckedOut) -> None:
    state._checked_out[event.person] = event.at


def _certified(state: ActivityState, event: AttendanceCertified) -> None:
    state._certified[event.person] = event.minutes


def _cancelled(state: ActivityState, event: ActivityCancelled) -> None:
    state._status = ActivityStatus.CANCELLED


def _notified(state: ActivityState, event: ParticipantsNotified) -> None:
    pass  # a record for the app to deliver; the state does not change


def _invited(state: ActivityState, event: Invited) -> None:
    state._invited[event.person] = event


def _answered(state: ActivityState, event: InvitationAnswered) -> None:
    state._replies[event.person] = event.accepted


APPLY: Final[dict[type, Any]] = {
    ActivityOpened: _opened,
    SignedUp: _signed_up,
    Withdrew: _withdrew,
    PromotedFromWaitlist: _promoted,
    CheckedIn: _checked_in,
    CheckedOut: _checked_out,
    AttendanceCertified: _certified,
    ActivityCancelled: _cancelled,
    ParticipantsNotified: _notified,
    Invited: _invited,
    InvitationAnswered: _answered,
}
