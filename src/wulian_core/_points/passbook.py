"""The :class:`Passbook` aggregate: a holder's three ledgers, changed only by its commands.

Every command is thin: it frames (actor, aware instant not before the last event, key),
answers a retry from the idempotency index, asks a ``decide_*`` function of
:mod:`.earn` or :mod:`.spend` for the events, and records them through the state's one
apply path. A refused command raises and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from wulian_core import _checks
from wulian_core.errors import IntegrityError, InvalidValue
from wulian_core.people import Actor

from . import guard
from .earn import (
    decide_accrue_activity,
    decide_award_moral,
    decide_correct_service,
    decide_deduct_moral,
    decide_record_service,
    decide_uphold_complaint,
)
from .events import Holder, PassbookEvent, PassbookOpened
from .guard import OrganiserOnRecord, frame, organiser_of, retry
from .lots import local_day
from .policy import MoralCategory, PointsPolicy
from .shop_state import ShopRegistryState
from .spend import decide_cancel, decide_expire, decide_redeem, decide_reverse
from .state import check_follows
from .statement import PassbookQueries

__all__ = ["Passbook"]


class Passbook(PassbookQueries):
    """A holder's passbook: three ledgers, changed only by its commands.

    Every command takes the acting :class:`~wulian_core.people.Actor` (``by=``), the
    instant (``at=``, timezone-aware, not before the last event) and an idempotency
    ``key=``. It checks everything first, then records one event and returns it in a
    tuple; a refused command raises and changes nothing. A retry with the same key and
    the same request returns the same events and records nothing; the same key with a
    different request raises :class:`~wulian_core.errors.IdempotencyConflict`. The
    request is the command, its arguments and ``by``; not ``at``, which a retry may
    stamp anew (except for :meth:`expire`, whose day is its request).

    Who may act: nobody records or credits points into a passbook they hold (or whose
    household they belong to). Service and activity points are recorded by a community
    worker or secretary of the holder's community, or by whoever acts for the activity's
    organiser on record (``organiser=``, never a person id); moral points, corrections and
    reversals by a community worker or secretary (corrections also by whoever recorded the
    service); redemption by the holder or a member of the household.

    The commands: :meth:`record_service`, :meth:`correct_service`, :meth:`uphold_complaint`,
    :meth:`accrue_activity`, :meth:`award_moral`, :meth:`deduct_moral`, :meth:`redeem`,
    :meth:`cancel_redemption`, :meth:`expire`, :meth:`reverse`; and :meth:`Catalogue.redeem`
    and :meth:`Catalogue.cancel`.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> book.record_service(activity="act-1", on=at.date(), minutes=60, organiser="p-7",
    ...                     by=Actor("p-7"), at=at, key="k-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.record_service.organiser: must be the activity's organiser on record ...

    Two passbooks are equal when their holder, policy and history are (the state
    follows from them), so a replay of the events gives back an equal passbook:

    >>> Passbook.replay(book.events, policy=book.policy) == book
    True

    A passbook is not thread-safe: a command reads and changes its state in several
    steps. Use one passbook per request (replay it from the store, run one command,
    append its events with the loaded ``version``), never one shared between threads;
    ``docs/embedding.md`` shows the way.
    """

    __slots__ = ()

    @classmethod
    def open(
        cls,
        holder: Holder,
        *,
        policy: PointsPolicy,
        by: Actor,
        at: dt.datetime,
        key: str = "opened",
    ) -> Passbook:
        """A new passbook for ``holder`` under ``policy``; its first event opens it.

        >>> from wulian_core.points import HolderKind
        >>> from wulian_core.regions import RegionCode
        >>> book = Passbook.open(Holder(id="hh-7", kind=HolderKind.HOUSEHOLD,
        ...     community=RegionCode("150603001001"), members={"p-1", "p-2"}),
        ...     policy=PointsPolicy.practice(), by=Actor("p-9"),
        ...     at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC))
        >>> book.version, type(book.events[0]).__name__
        (1, 'PassbookOpened')
        """
        if not isinstance(holder, Holder):
            raise InvalidValue("Passbook.open.holder", holder, "must be a Holder")
        if not isinstance(policy, PointsPolicy):
            raise InvalidValue("Passbook.open.policy", policy, "must be a PointsPolicy")
        guard.check_command("Passbook.open", by, at, key)
        event = PassbookOpened(
            holder=holder.id,
            at=at,
            by=by.person,
            key=key,
            holder_kind=holder.kind,
            community=holder.community,
            members=holder.members,
        )
        book = cls(holder, policy)
        book._record(event)
        return book

    @classmethod
    def replay(cls, events: Iterable[PassbookEvent], *, policy: PointsPolicy) -> Passbook:
        """The passbook these events (its whole history, in order) describe.

        Events carry every computed number, so the policy only governs the commands to
        come. A history that does not hang together raises
        :class:`~wulian_core.errors.IntegrityError`.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> Passbook.replay(book.events, policy=book.policy).version
        1
        """
        history = _checks.arg_items(events, "Passbook.replay.events", what="passbook events")
        if not isinstance(policy, PointsPolicy):
            raise InvalidValue("Passbook.replay.policy", policy, "must be a PointsPolicy")
        if not history or type(history[0]) is not PassbookOpened:
            raise IntegrityError(["a passbook's history starts with PassbookOpened"])
        first: PassbookOpened = history[0]
        holder = Holder(
            id=first.holder,
            kind=first.holder_kind,
            community=first.community,
            members=first.members,
        )
        book = cls(holder, policy)
        for index, event in enumerate(history):
            check_follows(book, event, index)
            book._record(event)
        return book

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        # The history decides the state; the holder and the policy decide what comes next.
        return (
            self._holder == other._holder
            and self._policy == other._policy
            and self._events == other._events
        )

    __hash__ = None  # type: ignore[assignment]  # it changes with every command

    # --- recording --------------------------------------------------------------------------

    def record(self, event: PassbookEvent) -> None:
        """Record an event decided outside the passbook's own commands: a catalogue's order.

        The event must continue the history as :meth:`replay` would read it (this
        holder's, not earlier than the last event, a fresh key) and agree with the
        state; otherwise :class:`~wulian_core.errors.IntegrityError`, and the passbook
        should be loaded again. Commands and :meth:`Catalogue.redeem` decide first, so
        what they record always agrees.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.record(book.events[0])
        Traceback (most recent call last):
        ...
        wulian_core.errors.IntegrityError: 1 integrity problem:
        - event 1 reuses key 'opened'
        """
        check_follows(self, event, len(self._events))
        self._record(event)

    def _commit(self, events: tuple[PassbookEvent, ...]) -> tuple[PassbookEvent, ...]:
        for event in events:
            self._record(event)
        return events

    # --- commands that earn -----------------------------------------------------------------

    def record_service(
        self,
        *,
        activity: str,
        on: dt.date,
        minutes: int,
        organiser: OrganiserOnRecord | None = None,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[PassbookEvent, ...]:
        """Certify ``minutes`` of service in ``activity`` on day ``on`` (谁组织谁记录).

        The policy's :class:`ServiceRule` rounds and caps the minutes and gives the
        points; the record changes later only by :meth:`correct_service`; who may, above.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> (ev,) = book.record_service(activity="act-1", on=at.date(), minutes=150,
        ...                             by=worker, at=at, key="k-1")
        >>> ev.minutes, ev.credited_minutes, ev.points
        (150, 120, 2)
        """
        organiser_of(organiser, "record_service")  # a person id is refused, on a retry too
        stored = frame(self, "record_service", by, at, key)
        if stored is not None:
            recorder = None if organiser is None else by.person
            return retry(stored, ("record_service", by.person, activity, on, recorder, minutes))
        return self._commit(
            decide_record_service(
                self,
                activity=activity,
                on=on,
                minutes=minutes,
                organiser=organiser,
                by=by,
                at=at,
                key=key,
            )
        )

    def correct_service(
        self, *, activity: str, minutes: int, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Correct an activity's service record to ``minutes``, with a reason.

        Certified minutes and points are worked out again under the caps. Points that
        fall are taken back from the record's lots; what was spent becomes debt.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.record_service(activity="act-1", on=at.date(), minutes=120, by=worker,
        ...                         at=at, key="k-1")
        >>> (ev,) = book.correct_service(activity="act-1", minutes=60, reason="签退时间有误",
        ...                              by=worker, at=at, key="k-2")
        >>> ev.minutes_delta, ev.points_delta, book.balance()
        (-60, -1, 1)
        """
        stored = frame(self, "correct_service", by, at, key)
        if stored is not None:
            request = ("correct_service", by.person, activity, minutes, reason, False)
            return retry(stored, request)
        return self._commit(
            decide_correct_service(
                self, activity=activity, minutes=minutes, reason=reason, by=by, at=at, key=key
            )
        )

    def uphold_complaint(
        self, *, activity: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """A complaint against the volunteer was upheld: the activity's record counts 0.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker,
        ...                         at=at, key="k-1")
        >>> _ = book.uphold_complaint(activity="a-1", reason="投诉属实", by=worker, at=at,
        ...                           key="k-2")
        >>> book.lifetime_minutes, book.balance()
        (0, 0)
        """
        stored = frame(self, "uphold_complaint", by, at, key)
        if stored is not None:
            return retry(stored, ("correct_service", by.person, activity, 0, reason, True))
        return self._commit(
            decide_uphold_complaint(self, activity=activity, reason=reason, by=by, at=at, key=key)
        )

    def accrue_activity(
        self,
        *,
        activity: str,
        on: dt.date,
        activity_kind: str,
        organiser: OrganiserOnRecord | None = None,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[PassbookEvent, ...]:
        """Material points for taking part in ``activity``, of a kind the policy lists.

        Once per activity; the kind's cap per period cuts the points.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> (ev,) = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="meeting",
        ...                              by=worker, at=at, key="k-1")
        >>> ev.points, book.balance()
        (2, 2)
        """
        organiser_of(organiser, "accrue_activity")  # a person id is refused, on a retry too
        stored = frame(self, "accrue_activity", by, at, key)
        if stored is not None:
            recorder = None if organiser is None else by.person
            request = ("accrue_activity", by.person, activity, on, activity_kind, recorder)
            return retry(stored, request)
        return self._commit(
            decide_accrue_activity(
                self,
                activity=activity,
                on=on,
                activity_kind=activity_kind,
                organiser=organiser,
                by=by,
                at=at,
                key=key,
            )
        )

    def award_moral(
        self, *, category: MoralCategory | str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Award a category's moral points after review, within its cap per period.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.award_moral(category=MoralCategory.FILIAL_PIETY, reason="照顾卧床婆婆",
        ...                      by=worker, at=at, key="k-1")
        >>> from wulian_core.points import Ledger
        >>> book.balance(Ledger.MORAL), book.balance(Ledger.MATERIAL)
        (3, 0)
        """
        name = category.value if isinstance(category, MoralCategory) else category
        stored = frame(self, "award_moral", by, at, key)
        if stored is not None:
            return retry(stored, ("award_moral", by.person, name, reason))
        return self._commit(
            decide_award_moral(self, category=category, reason=reason, by=by, at=at, key=key)
        )

    def deduct_moral(
        self,
        *,
        category: MoralCategory | str,
        reason: str,
        serious: bool = False,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[PassbookEvent, ...]:
        """Deduct a category's moral points; a serious violation also bars redemption
        for the policy's term (the practice policy: this year and next).

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> (ev,) = book.deduct_moral(category="law_abiding", reason="违规占道经营",
        ...                           serious=True, by=worker, at=at, key="k-1")
        >>> ev.points, book.barred_until
        (5, datetime.date(2026, 1, 1))
        """
        name = category.value if isinstance(category, MoralCategory) else category
        stored = frame(self, "deduct_moral", by, at, key)
        if stored is not None:
            return retry(stored, ("deduct_moral", by.person, name, reason, serious))
        return self._commit(
            decide_deduct_moral(
                self, category=category, reason=reason, serious=serious, by=by, at=at, key=key
            )
        )

    # --- commands that spend or take back ---------------------------------------------------

    def redeem(
        self,
        *,
        points: int,
        point: str,
        by: Actor,
        at: dt.datetime,
        key: str,
        shops: ShopRegistryState | None = None,
    ) -> tuple[PassbookEvent, ...]:
        """Spend material points at a redemption point (a partner shop), oldest lots first.

        Material points only: there is no ledger argument. Goods from a points
        supermarket go through :meth:`Catalogue.redeem`, which changes the passbook and
        the stock together. The order is named by ``key``. Points due to expire by then
        expire first, in the same event. Given the street's
        :class:`~wulian_core.points.ShopRegistry` (``shops=``), an unregistered or
        suspended point, or one of another community, is refused.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="public_welfare",
        ...                          by=worker, at=at, key="k-1")
        >>> (ev,) = book.redeem(points=3, point="shop-1", by=me, at=at, key="r-1")
        >>> book.balance(), book.redeem(points=3, point="shop-1", by=me, at=at, key="r-1") == (ev,)
        (2, True)
        """
        stored = frame(self, "redeem", by, at, key)
        if stored is not None:
            return retry(stored, ("redeem", by.person, points, point, None))
        return self._commit(
            decide_redeem(
                self,
                command="redeem",
                points=points,
                point=point,
                item=None,
                by=by,
                at=at,
                key=key,
                shops=shops,
            )
        )

    def cancel_redemption(
        self, *, order: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Cancel a redemption at a partner shop: its points come back to their lots.

        Returned points pay any debt first, as earned points do. A catalogue's order is
        cancelled through :meth:`Catalogue.cancel`, which restores its stock too.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="meeting",
        ...                          by=worker, at=at, key="k-1")
        >>> _ = book.redeem(points=2, point="shop-1", by=me, at=at, key="r-1")
        >>> _ = book.cancel_redemption(order="r-1", reason="商品缺货", by=me, at=at, key="c-1")
        >>> book.balance()
        2
        """
        stored = frame(self, "cancel_redemption", by, at, key)
        if stored is not None:
            return retry(stored, ("cancel_redemption", by.person, order, reason))
        return self._commit(
            decide_cancel(
                self,
                command="cancel_redemption",
                order=order,
                reason=reason,
                by=by,
                at=at,
                key=key,
                catalogue=False,
            )
        )

    def expire(
        self, *, at: dt.datetime, by: Actor, key: str | None = None
    ) -> tuple[PassbookEvent, ...]:
        """Expire every lot due by ``at``'s local date; idempotent, so run it at will.

        Records nothing (and returns ``()``) when nothing is due. The key defaults to
        ``expire-YYYY-MM-DD``. Any actor may run it: the policy decides, not the actor.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.expire(at=at, by=worker)
        ()
        """
        guard.checked("expire", by, at, "expire" if key is None else key)
        through = local_day(at)
        key = f"expire-{through.isoformat()}" if key is None else key
        stored = guard.recorded(self, "expire", at, key)
        if stored is not None:
            return retry(stored, ("expire", through))
        return self._commit(decide_expire(self, through=through, by=by, at=at, key=key))

    def reverse(
        self, *, accrual: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Reverse an accrual (by its key): what is left of its lot comes back; what was
        spent, or paid towards debt, becomes a debt that later accruals settle first.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="public_welfare",
        ...                          by=worker, at=at, key="k-1")
        >>> _ = book.redeem(points=3, point="shop-1", by=me, at=at, key="r-1")
        >>> (ev,) = book.reverse(accrual="k-1", reason="重复登记", by=worker, at=at, key="v-1")
        >>> ev.taken, ev.debt, book.balance(), book.debt
        (2, 3, 0, 3)
        """
        stored = frame(self, "reverse", by, at, key)
        if stored is not None:
            return retry(stored, ("reverse", by.person, accrual, reason))
        return self._commit(
            decide_reverse(self, accrual=accrual, reason=reason, by=by, at=at, key=key)
        )
