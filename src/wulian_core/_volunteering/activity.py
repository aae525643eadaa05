"""The :class:`CommunityActivity` aggregate: an activity from opening to certified attendance.

Commands are thin: each checks its frame (an :class:`~wulian_core.people.Actor`, an aware
``at`` not before the last event), asks a ``decide_*`` function for the events, and
records them through the one ``apply`` path. A refused command changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from wulian_core.calendar import SHANGHAI
from wulian_core.errors import (
    IdempotencyConflict,
    IllegalTransition,
    InvalidValue,
    PermissionDenied,
)
from wulian_core.model import Activity, ServiceArea
from wulian_core.people import Actor
from wulian_core.points import Passbook, PassbookEvent
from wulian_core.regions import RegionCode, RegionLevel

from . import checks, decide
from .events import ActivityEvent, ActivityOpened, Invited
from .html import activity_html, view_lang
from .state import APPLY, ActivityState, ActivityStatus
from .values import Audience, Organiser, ParticipantKind

__all__ = ["CommunityActivity", "credit_key", "credit_passbook"]


class CommunityActivity(ActivityState):
    """An activity (活动) with sign-up, waitlist, attendance, certification and invitations.

    >>> from wulian_core.examples import activity_opened as opened
    >>> act, who, at = opened(capacity=1)
    >>> act.sign_up(person="p-3", role=ParticipantKind.VOLUNTEER, by=who.volunteer, at=at)[0].place.label_zh
    '已确认'
    >>> act.sign_up(person="p-4", by=who.resident, at=at)[0].place.label_zh
    '候补'
    >>> [type(e).__name__ for e in act.withdraw(person="p-3", by=who.volunteer, at=at)]
    ['Withdrew', 'PromotedFromWaitlist']
    >>> act.confirmed, act.waitlist
    (('p-4',), ())
    >>> CommunityActivity.replay(act.events) == act
    True
    """

    __slots__ = ()

    APPLY: ClassVar = APPLY
    FIRST: ClassVar = ActivityOpened
    SUBJECT: ClassVar = "activity"

    @classmethod
    def open(
        cls,
        *,
        id: str,
        organiser: Organiser,
        title: str,
        community: RegionCode,
        place: str,
        area: ServiceArea,
        starts: dt.datetime,
        ends: dt.datetime,
        capacity: int,
        by: Actor,
        at: dt.datetime,
        audience: Audience = Audience.EVERYONE,
        joint: bool = False,
        skills: Iterable[str] = (),
    ) -> CommunityActivity:
        """Open an activity for sign-up: by the organiser on record or its staff, before it starts.

        ``joint`` marks a planned 社工+志愿者 joint activity; ``skills`` are what volunteers
        bring (invitations look for them).

        >>> from wulian_core.examples import activity_opened as opened
        >>> act, who, at = opened()
        >>> act.status.label_zh, act.capacity, act.organiser.kind.label_zh
        ('报名中', 2, '社区')
        """
        name = "CommunityActivity.open"
        by = checks.actor_of(by, f"{name}.by")
        at = checks.aware_of(at, f"{name}.at")
        if not isinstance(organiser, Organiser):
            raise InvalidValue(f"{name}.organiser", organiser, "must be an Organiser")
        if not isinstance(community, RegionCode) or community.level is not RegionLevel.COMMUNITY:
            raise InvalidValue(f"{name}.community", community, "must be a community code")
        if not organiser.region.contains(community):
            raise InvalidValue(
                f"{name}.community",
                community,
                f"lies outside the organiser's region {organiser.region}",
            )
        if not organiser.may_certify(by):
            raise PermissionDenied("open", by.person, f"does not act for organiser {organiser.id}")
        event = ActivityOpened(
            activity=checks.ident_of(id, f"{name}.id"),
            at=at,
            by=by.person,
            organiser=organiser,
            title=title,
            community=community,
            place=place,
            area=area,
            starts=starts,
            ends=ends,
            capacity=capacity,
            audience=audience,
            joint=joint,
            skills=skills,  # the converter takes any iterable
        )
        if event.starts <= at:
            raise InvalidValue(
                f"{name}.starts", starts, f"must be after the instant it opens ({at})"
            )
        activity = object.__new__(cls)
        activity._start(event)
        return activity

    @classmethod
    def replay(cls, events: Iterable[ActivityEvent]) -> CommunityActivity:
        """The activity these events (its whole history, oldest first) describe.

        A history that does not hang together raises :class:`~wulian_core.errors.IntegrityError`.

        >>> from wulian_core.examples import activity_opened as opened
        >>> act, who, at = opened()
        >>> CommunityActivity.replay(act.events).version
        1
        """
        return cls._replay(events)

    def _run(
        self, command: str, by: object, at: object, step: Callable[..., list[Any]], *args: Any
    ) -> tuple[ActivityEvent, ...]:
        actor, when = self._frame(command, by, at)
        return self._commit(step(self, actor, when, *args))

    # --- the commands -----------------------------------------------------------------------

    def sign_up(
        self,
        *,
        person: str,
        by: Actor,
        at: dt.datetime,
        role: ParticipantKind = ParticipantKind.RESIDENT,
    ) -> tuple[ActivityEvent, ...]:
        """Sign ``person`` up (报名), by themselves or the organiser; waitlisted when full."""
        return self._run("sign_up", by, at, decide.decide_sign_up, person, role)

    def withdraw(self, *, person: str, by: Actor, at: dt.datetime) -> tuple[ActivityEvent, ...]:
        """Withdraw a sign-up before checking in; the first on the waitlist takes the place."""
        return self._run("withdraw", by, at, decide.decide_withdraw, person)

    def check_in(self, *, person: str, by: Actor, at: dt.datetime) -> tuple[ActivityEvent, ...]:
        """Check a confirmed participant in (签到), from an hour before the start to its end.

        >>> from wulian_core.examples import activity_attended as attended
        >>> act, who, at = attended()
        >>> act.checked_in
        ('p-3',)
        """
        return self._run("check_in", by, at, decide.decide_check_in, person)

    def check_out(self, *, person: str, by: Actor, at: dt.datetime) -> tuple[ActivityEvent, ...]:
        """Check a participant out (签退); minutes within the activity's times count."""
        return self._run("check_out", by, at, decide.decide_check_out, person)

    def certify(
        self, *, person: str, by: Actor, at: dt.datetime, minutes: int | None = None
    ) -> tuple[ActivityEvent, ...]:
        """Certify ``person``'s minutes (the attended minutes, or fewer): the organiser only.

        >>> from wulian_core.examples import activity_attended as attended
        >>> act, who, at = attended()
        >>> act.certify(person="p-3", by=who.worker, at=at)[0].minutes
        120
        >>> act.certify(person="p-3", by=who.volunteer, at=at)
        Traceback (most recent call last):
        ...
        wulian_core.errors.PermissionDenied: p-3 may not certify: only the organiser on record (...) or its staff
        """
        return self._run("certify", by, at, decide.decide_certify, person, minutes)

    def cancel(self, *, reason: str, by: Actor, at: dt.datetime) -> tuple[ActivityEvent, ...]:
        """Cancel the activity; the people signed up are notified and nothing is credited.

        >>> from wulian_core.examples import activity_opened as opened
        >>> act, who, at = opened()
        >>> _ = act.sign_up(person="p-4", by=who.resident, at=at)
        >>> [type(e).__name__ for e in act.cancel(reason="暴雨预警", by=who.worker, at=at)]
        ['ActivityCancelled', 'ParticipantsNotified']
        """
        return self._run("cancel", by, at, decide.decide_cancel, reason)

    def invite(
        self,
        *,
        person: str,
        reason: str,
        by: Actor,
        at: dt.datetime,
        role: ParticipantKind = ParticipantKind.RESIDENT,
    ) -> tuple[ActivityEvent, ...]:
        """Invite ``person`` (邀您参与), with the reason they fit; the organiser only."""
        return self._run("invite", by, at, decide.decide_invite, person, role, reason)

    def answer(
        self, *, person: str, accepted: bool, by: Actor, at: dt.datetime
    ) -> tuple[ActivityEvent, ...]:
        """The invited person's reply; accepting signs them up.

        >>> from wulian_core.examples import activity_opened as opened
        >>> act, who, at = opened()
        >>> _ = act.invite(person="p-4", reason="同社区，时间合适", by=who.worker, at=at)
        >>> [type(e).__name__ for e in act.answer(person="p-4", accepted=True, by=who.resident, at=at)]
        ['InvitationAnswered', 'SignedUp']
        """
        return self._run("answer", by, at, decide.decide_answer, person, accepted)

    # --- queries ----------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The activity's id."""
        return self._opened.activity

    @property
    def opening(self) -> ActivityOpened:
        """The opening event: organiser, title, community, times, capacity, audience."""
        return self._opened

    @property
    def organiser(self) -> Organiser:
        """The organiser on record."""
        return self._opened.organiser

    @property
    def capacity(self) -> int:
        """How many confirmed places there are."""
        return self._opened.capacity

    @property
    def status(self) -> ActivityStatus:
        """Open, or cancelled."""
        return self._status

    @property
    def confirmed(self) -> tuple[str, ...]:
        """The people with a confirmed place, in sign-up order."""
        return tuple(self._confirmed)

    @property
    def waitlist(self) -> tuple[str, ...]:
        """The waitlist, first to be promoted first."""
        return tuple(self._waitlist)

    @property
    def checked_in(self) -> tuple[str, ...]:
        """Who checked in, in order."""
        return tuple(self._checked_in)

    @property
    def checked_out(self) -> tuple[str, ...]:
        """Who checked out, in order."""
        return tuple(self._checked_out)

    @property
    def certified(self) -> Mapping[str, int]:
        """Certified minutes by person."""
        return dict(self._certified)

    @property
    def invitations(self) -> Mapping[str, Invited]:
        """The invitations made, by person."""
        return dict(self._invited)

    @property
    def replies(self) -> Mapping[str, bool]:
        """The replies to invitations, by person: accepted or declined."""
        return dict(self._replies)

    def held_record(self) -> Activity | None:
        """The :class:`~wulian_core.model.Activity` the targets count, once held; else ``None``.

        Held means not cancelled and at least one attendance certified; the record lists the
        certified volunteers and social workers, so ``is_joint`` says what really happened.

        >>> from wulian_core.examples import activity_attended as attended
        >>> act, who, at = attended()
        >>> act.held_record() is None
        True
        >>> _ = act.certify(person="p-3", by=who.worker, at=at)
        >>> act.held_record().volunteers
        frozenset({'p-3'})
        """
        if self._status is ActivityStatus.CANCELLED or not self._certified:
            return None
        o = self._opened
        people = self._certified
        return Activity(
            id=o.activity,
            community=o.community,
            on=o.starts.astimezone(SHANGHAI).date(),
            title=o.title,
            area=o.area,
            organisers={o.organiser.id},
            social_workers={
                p for p in people if self._roles.get(p) is ParticipantKind.SOCIAL_WORKER
            },
            volunteers={p for p in people if self._roles.get(p) is ParticipantKind.VOLUNTEER},
        )

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The activity and its first 20 people as HTML; ``full=True`` every one.

        >>> from wulian_core.examples import activity_opened as opened
        >>> "<th>checked in</th>" in opened(capacity=1)[0].to_html(lang="en")
        True
        """
        language = view_lang(full, lang, "CommunityActivity")
        return activity_html(self, first=None if full else 20, lang=language)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        places = f"{len(self._confirmed)}/{self.capacity}"
        return f"<CommunityActivity {self.id} {self._status.value} {places} v{self.version}>"


def credit_key(activity: str, person: str) -> str:
    """The passbook idempotency key of ``person``'s service in ``activity``: at most 64 characters.

    >>> credit_key("act-1", "p-3")
    'activity:act-1:p-3'
    >>> len(credit_key("a" * 64, "p" * 64))
    64
    """
    checks.ident_of(activity, "credit_key.activity")
    checks.ident_of(person, "credit_key.person")
    plain = f"activity:{activity}:{person}"
    if len(plain) <= 64:
        return plain
    import hashlib  # only for a long key; loading it (OpenSSL) costs milliseconds at import

    return "activity#" + hashlib.sha256(plain.encode()).hexdigest()[:55]


def credit_passbook(
    activity: CommunityActivity, passbook: Passbook, *, by: Actor, at: dt.datetime
) -> tuple[PassbookEvent, ...]:
    """Credit the passbook holder's certified minutes through the points policy, once.

    Only the organiser on record (or its staff) credits; the key comes from the activity
    and the person, so a retry, by anyone, credits nothing more. A cancelled activity, or
    a holder without certified minutes, credits nothing.

    >>> from wulian_core.examples import activity_attended as attended, activity_passbook as passbook_of
    >>> act, who, at = attended()
    >>> _ = act.certify(person="p-3", by=who.worker, at=at)
    >>> book = passbook_of("p-3", at)
    >>> (ev,) = credit_passbook(act, book, by=who.worker, at=at)
    >>> ev.credited_minutes, ev.points, ev.key
    (120, 2, 'activity:act-1:p-3')
    >>> credit_passbook(act, book, by=who.worker, at=at) == (ev,), book.version
    (True, 2)
    """
    if not isinstance(activity, CommunityActivity):
        raise InvalidValue("credit_passbook.activity", activity, "must be a CommunityActivity")
    if not isinstance(passbook, Passbook):
        raise InvalidValue("credit_passbook.passbook", passbook, "must be a Passbook")
    by = checks.actor_of(by, "credit_passbook.by")
    at = checks.aware_of(at, "credit_passbook.at")
    person = passbook.holder.id
    if activity.status is ActivityStatus.CANCELLED:
        raise IllegalTransition(
            "cancelled", "credit_passbook", "a cancelled activity credits nothing"
        )
    minutes = activity._certified.get(person)
    if minutes is None:
        raise IllegalTransition(
            "not certified", "credit_passbook", f"{person} has no certified minutes"
        )
    if not activity.organiser.may_certify(by):
        raise PermissionDenied(
            "credit_passbook", by.person, "only the organiser on record or its staff"
        )
    key = credit_key(activity.id, person)
    day = activity.opening.starts.astimezone(SHANGHAI).date()
    try:
        return passbook.record_service(
            activity=activity.id,
            on=day,
            minutes=minutes,
            organiser=activity.organiser,
            by=by,
            at=at,
            key=key,
        )
    except IdempotencyConflict:
        # Another of the organiser's staff credited it before: the key is this activity's and
        # this person's alone, so the stored record is the answer.
        return tuple(e for e in passbook.events if getattr(e, "key", None) == key)
