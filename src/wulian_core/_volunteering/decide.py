"""Deciding an activity's commands: check who acts, in what state, with what values.

Each ``decide_*`` function reads the state and returns the events the command records,
or raises and records nothing: :class:`~wulian_core.errors.PermissionDenied` for the
wrong actor, :class:`~wulian_core.errors.IllegalTransition` for the wrong state,
:class:`~wulian_core.errors.InvalidValue` for a bad value. None of them changes the state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from wulian_core.errors import IllegalTransition, InvalidValue, PermissionDenied
from wulian_core.people import Actor

from . import checks
from .events import (
    ActivityCancelled,
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
from .state import ActivityState, ActivityStatus
from .values import ParticipantKind

__all__ = [
    "CHECK_IN_EARLY",
    "attended_minutes",
    "decide_answer",
    "decide_cancel",
    "decide_certify",
    "decide_check_in",
    "decide_check_out",
    "decide_invite",
    "decide_sign_up",
    "decide_withdraw",
]

CHECK_IN_EARLY: Final = dt.timedelta(hours=1)
"""How long before the start a participant may check in."""


def _base(state: ActivityState, by: Actor, at: dt.datetime) -> dict[str, Any]:
    return {"activity": state._opened.activity, "at": at, "by": by.person}


def _open(state: ActivityState, command: str) -> None:
    if state._status is not ActivityStatus.OPEN:
        raise IllegalTransition(state._status.value, command)


def _before_start(state: ActivityState, command: str, at: dt.datetime) -> None:
    if at >= state._opened.starts:
        raise IllegalTransition("started", command, f"the activity began at {state._opened.starts}")


def _person(state: ActivityState, command: str, person: object) -> str:
    return checks.ident_of(person, f"CommunityActivity.{command}.person")


def _self_or_staff(state: ActivityState, command: str, by: Actor, person: str) -> None:
    if by.person != person and not state._opened.organiser.may_certify(by):
        raise PermissionDenied(command, by.person, "only the person or the activity's organiser")


def _organiser_only(state: ActivityState, command: str, by: Actor) -> None:
    organiser = state._opened.organiser
    if not organiser.may_certify(by):
        raise PermissionDenied(
            command,
            by.person,
            f"only the organiser on record ({organiser.kind.value} {organiser.id}) or its staff",
        )


def _sign_up(
    state: ActivityState, by: Actor, at: dt.datetime, person: str, role: ParticipantKind
) -> SignedUp:
    if person in state._confirmed or person in state._waitlist:
        raise IllegalTransition("signed up", "sign_up", f"{person} is already signed up")
    full = len(state._confirmed) >= state._opened.capacity
    place = Place.WAITLISTED if full else Place.CONFIRMED
    return SignedUp(**_base(state, by, at), person=person, role=role, place=place)


def decide_sign_up(
    state: ActivityState, by: Actor, at: dt.datetime, person: object, role: object
) -> list[Any]:
    """Sign ``person`` up (报名): confirmed while there are places, waitlisted after."""
    who = _person(state, "sign_up", person)
    if not isinstance(role, ParticipantKind):
        raise InvalidValue("CommunityActivity.sign_up.role", role, "must be a ParticipantKind")
    _open(state, "sign_up")
    _before_start(state, "sign_up", at)
    _self_or_staff(state, "sign_up", by, who)
    return [_sign_up(state, by, at, who, role)]


def decide_withdraw(state: ActivityState, by: Actor, at: dt.datetime, person: object) -> list[Any]:
    """Withdraw a sign-up; a freed place goes to the first on the waitlist."""
    who = _person(state, "withdraw", person)
    _open(state, "withdraw")
    _self_or_staff(state, "withdraw", by, who)
    if who not in state._confirmed and who not in state._waitlist:
        raise IllegalTransition("not signed up", "withdraw", f"{who} is not signed up")
    if who in state._checked_in:
        raise IllegalTransition("checked in", "withdraw", f"{who} has checked in already")
    events: list[Any] = [Withdrew(**_base(state, by, at), person=who)]
    if who in state._confirmed and state._waitlist:
        first = next(iter(state._waitlist))
        events.append(PromotedFromWaitlist(**_base(state, by, at), person=first))
    return events


def decide_check_in(state: ActivityState, by: Actor, at: dt.datetime, person: object) -> list[Any]:
    """Check a confirmed participant in (签到), from an hour before the start to the end."""
    who = _person(state, "check_in", person)
    _open(state, "check_in")
    _self_or_staff(state, "check_in", by, who)
    opened = state._opened
    if who not in state._confirmed:
        raise IllegalTransition("not confirmed", "check_in", f"{who} has no confirmed place")
    if who in state._checked_in:
        raise IllegalTransition("checked in", "check_in", f"{who} has checked in already")
    if not opened.starts - CHECK_IN_EARLY <= at <= opened.ends:
        raise IllegalTransition(
            "outside the activity",
            "check_in",
            f"check-in runs from an hour before {opened.starts} to {opened.ends}",
        )
    return [CheckedIn(**_base(state, by, at), person=who)]


def decide_check_out(state: ActivityState, by: Actor, at: dt.datetime, person: object) -> list[Any]:
    """Check a participant out (签退)."""
    who = _person(state, "check_out", person)
    _open(state, "check_out")
    _self_or_staff(state, "check_out", by, who)
    if who not in state._checked_in:
        raise IllegalTransition("not checked in", "check_out", f"{who} has not checked in")
    if who in state._checked_out:
        raise IllegalTransition("checked out", "check_out", f"{who} has checked out already")
    return [CheckedOut(**_base(state, by, at), person=who)]


def attended_minutes(state: ActivityState, person: str) -> int:
    """Whole minutes between check-in and check-out, within the activity's own times.

    Time before the start or after the end (travel, waiting) is not service time.
    """
    opened = state._opened
    start = max(state._checked_in[person], opened.starts)
    end = min(state._checked_out[person], opened.ends)
    return max(0, int((end - start).total_seconds()) // 60)


def decide_certify(
    state: ActivityState, by: Actor, at: dt.datetime, person: object, minutes: object
) -> list[Any]:
    """Certify a participant's minutes: the organiser on record only, never oneself."""
    who = _person(state, "certify", person)
    _open(state, "certify")
    _organiser_only(state, "certify", by)
    if by.person == who:
        raise PermissionDenied("certify", by.person, "nobody certifies their own service")
    if who not in state._checked_out:
        raise IllegalTransition("not checked out", "certify", f"{who} has not checked in and out")
    if who in state._certified:
        raise IllegalTransition("certified", "certify", f"{who} is certified already")
    attended = attended_minutes(state, who)
    if minutes is None:
        minutes = attended
    elif type(minutes) is not int or not 0 <= minutes <= attended:
        raise InvalidValue(
            "CommunityActivity.certify.minutes",
            minutes,
            f"must be whole minutes from 0 to the {attended} attended",
        )
    return [AttendanceCertified(**_base(state, by, at), person=who, minutes=minutes)]


def decide_cancel(state: ActivityState, by: Actor, at: dt.datetime, reason: object) -> list[Any]:
    """Cancel the activity; everyone signed up or waitlisted is notified."""
    why = checks.text_of(reason, "CommunityActivity.cancel.reason", limit=500)
    _open(state, "cancel")
    _organiser_only(state, "cancel", by)
    if state._certified:
        raise IllegalTransition("certified", "cancel", "attendance is certified already")
    events: list[Any] = [ActivityCancelled(**_base(state, by, at), reason=why)]
    told = {*state._confirmed, *state._waitlist, *state._checked_in}
    if told:
        message = f"活动“{state._opened.title}”已取消：{why}"[:500]
        events.append(ParticipantsNotified(**_base(state, by, at), persons=told, message=message))
    return events


def decide_invite(
    state: ActivityState, by: Actor, at: dt.datetime, person: object, role: object, reason: object
) -> list[Any]:
    """Invite a person (邀您参与), with the reason they fit; the organiser only."""
    who = _person(state, "invite", person)
    if not isinstance(role, ParticipantKind):
        raise InvalidValue("CommunityActivity.invite.role", role, "must be a ParticipantKind")
    why = checks.text_of(reason, "CommunityActivity.invite.reason", limit=500)
    _open(state, "invite")
    _before_start(state, "invite", at)
    _organiser_only(state, "invite", by)
    if who in state._invited:
        raise IllegalTransition("invited", "invite", f"{who} is invited already")
    if who in state._confirmed or who in state._waitlist:
        raise IllegalTransition("signed up", "invite", f"{who} is signed up already")
    return [Invited(**_base(state, by, at), person=who, role=role, reason=why)]


def decide_answer(
    state: ActivityState, by: Actor, at: dt.datetime, person: object, accepted: object
) -> list[Any]:
    """The invited person replies; accepting signs them up (confirmed or waitlisted)."""
    who = _person(state, "answer", person)
    if type(accepted) is not bool:
        raise InvalidValue("CommunityActivity.answer.accepted", accepted, "must be True or False")
    _open(state, "answer")
    if by.person != who:
        raise PermissionDenied("answer", by.person, "only the invited person replies")
    invitation = state._invited.get(who)
    if invitation is None:
        raise IllegalTransition("not invited", "answer", f"{who} was not invited")
    if who in state._replies:
        raise IllegalTransition("answered", "answer", f"{who} has replied already")
    events: list[Any] = [InvitationAnswered(**_base(state, by, at), person=who, accepted=accepted)]
    if accepted:
        _before_start(state, "answer", at)
        if who not in state._confirmed and who not in state._waitlist:
            events.append(_sign_up(state, by, at, who, invitation.role))
    return events
