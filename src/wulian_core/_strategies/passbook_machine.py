"""``PassbookMachine``: a Hypothesis state machine that drives a passbook at random.

Shipped for users (through :mod:`wulian_core.strategies`) and run by our own CI. It
opens a passbook under one of several policies, then records service, accrues
activity points, awards and deducts moral points, redeems, cancels, expires, reverses,
corrects, lets time pass, retries commands and reuses keys, and checks after every step:

- each ledger's balance equals the sum of the holder's entries on it, and the entries
  of each ledger sum to zero over all accounts;
- the material balance never goes below zero, and neither does the debt;
- moral points never leave a holder for a redemption point;
- expired points are never spent, and no point due to expire outlives an expiry sweep;
- a refused command changes nothing; a retry applies once and returns the same events;
- replaying the history (also after a JSON round trip) gives an equal passbook.

Requires the ``hypothesis`` extra. Use it as ``TestPassbook = PassbookMachine.TestCase``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from wulian_core._points.lots import is_lot, local_day
from wulian_core.calendar import SHANGHAI
from wulian_core.codec import from_json, to_json
from wulian_core.errors import IdempotencyConflict, WulianError
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    AccountRole,
    ActivityRule,
    Holder,
    HolderKind,
    Ledger,
    MoralRule,
    Passbook,
    PassbookEvent,
    PointsPolicy,
    RedemptionRule,
    Term,
    TermKind,
)
from wulian_core.regions import RegionCode
from wulian_core.volunteering import Organiser, OrganiserKind

__all__ = ["PassbookMachine"]

_HOME = RegionCode("150603001001")
_WORKER = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(_HOME))})
_ORGANISER = Actor("o-1")
# A volunteer team on record whose leader o-1 records its activities' service.
_TEAM = Organiser(kind=OrganiserKind.VOLUNTEER_TEAM, id="t-1", region=_HOME, staff={"o-1"})
_STRANGER = Actor("x-1")
_T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)

_BASE = PointsPolicy.practice()
_POLICIES = st.builds(
    lambda expiry, caps, redemption: PointsPolicy(
        name="machine",
        service=_BASE.service,
        activities=(
            ActivityRule(kind="meeting", label_zh="会议", points=2, max_points_per_period=caps[0]),
            ActivityRule(kind="cleanup", label_zh="环境整治", points=5),
        ),
        moral=(
            MoralRule(
                category="filial_piety",
                label_zh="孝老爱亲",
                points=3,
                deduction=5,
                max_points_per_period=caps[1],
            ),
            MoralRule(category="law_abiding", label_zh="遵纪守法", points=2, deduction=4),
        ),
        expiry=expiry,
        redemption=redemption,
    ),
    st.sampled_from(
        [
            Term(kind=TermKind.NEVER),
            Term(kind=TermKind.MONTHS, count=1),
            Term(kind=TermKind.MONTHS, count=6),
            Term(kind=TermKind.YEAR_END, count=0),
        ]
    ),
    st.tuples(st.sampled_from([None, 4]), st.sampled_from([None, 6])),
    st.sampled_from([RedemptionRule(), RedemptionRule(period=_BASE.period, max_per_period=3)]),
)


class PassbookMachine(RuleBasedStateMachine):
    """Random commands against one passbook, with the invariants above after each step.

    In a test module, ``TestPassbook = PassbookMachine.TestCase`` is all it takes;
    here it runs a few short stories right away:

    >>> from hypothesis import settings
    >>> TestPassbook = PassbookMachine.TestCase
    >>> TestPassbook.settings = settings(max_examples=5, stateful_step_count=10, deadline=None)
    >>> TestPassbook("runTest").runTest()
    """

    def __init__(self) -> None:
        super().__init__()
        self.book: Passbook | None = None
        self.now = _T0
        self.serial = 0
        self.holders: tuple[Actor, ...] = ()
        self.activities: list[str] = []
        self.accruals: list[str] = []
        self.orders: list[str] = []
        self.last: tuple[Callable[..., Any], dict[str, Any], tuple[PassbookEvent, ...]] | None = (
            None
        )
        self.swept_through: dt.date | None = None

    # --- driving ----------------------------------------------------------------------------

    @initialize(policy=_POLICIES, household=st.booleans())
    def open_passbook(self, policy: PointsPolicy, household: bool) -> None:
        if household:
            holder = Holder(
                id="hh-1", kind=HolderKind.HOUSEHOLD, community=_HOME, members={"p-1", "p-2"}
            )
            self.holders = (Actor("p-1"), Actor("p-2"))
        else:
            holder = Holder(id="p-1", kind=HolderKind.PERSON, community=_HOME)
            self.holders = (Actor("p-1"),)
        self.book = Passbook.open(holder, policy=policy, by=_WORKER, at=self.now)

    @property
    def passbook(self) -> Passbook:
        """The passbook under test, once opened."""
        if self.book is None:
            raise AssertionError("the passbook is not open yet")
        return self.book

    def _last(self) -> tuple[Callable[..., Any], dict[str, Any], tuple[PassbookEvent, ...]]:
        if self.last is None:
            raise AssertionError("no command ran yet")
        return self.last

    def _key(self) -> str:
        self.serial += 1
        return f"k-{self.serial}"

    def _run(
        self, command: Callable[..., Any], **arguments: Any
    ) -> tuple[PassbookEvent, ...] | None:
        """Run a command; a refusal must change nothing. The events, or None if refused."""
        book = self.passbook
        before = (book.version, *self._balances(), book.debt)
        try:
            events: tuple[PassbookEvent, ...] = command(**arguments)
        except WulianError:
            assert (book.version, *self._balances(), book.debt) == before, "a refusal changed state"
            return None
        self.last = (command, arguments, events)
        return events

    def _balances(self) -> tuple[int, int, int]:
        return tuple(self.passbook.balance(ledger) for ledger in Ledger)  # type: ignore[return-value]

    @rule(days=st.integers(min_value=0, max_value=60), hours=st.integers(0, 23))
    def let_time_pass(self, days: int, hours: int) -> None:
        self.now += dt.timedelta(days=days, hours=hours)

    @rule(
        minutes=st.integers(min_value=0, max_value=600),
        back=st.integers(0, 3),
        by_organiser=st.booleans(),
    )
    def record_service(self, minutes: int, back: int, by_organiser: bool) -> None:
        activity = f"a-{self.serial + 1}"
        actor = _ORGANISER if by_organiser else _WORKER
        events = self._run(
            self.passbook.record_service,
            activity=activity,
            on=local_day(self.now) - dt.timedelta(back),
            minutes=minutes,
            organiser=_TEAM if by_organiser else None,
            by=actor,
            at=self.now,
            key=self._key(),
        )
        if events:
            self.activities.append(activity)
            self.accruals.append(events[0].key)

    @rule(kind=st.sampled_from(["meeting", "cleanup", "cleanup", "unknown"]))
    def accrue_activity(self, kind: str) -> None:
        events = self._run(
            self.passbook.accrue_activity,
            activity=f"p-{self.serial + 1}",
            on=local_day(self.now),
            activity_kind=kind,
            by=_WORKER,
            at=self.now,
            key=self._key(),
        )
        if events:
            self.accruals.append(events[0].key)

    @rule(
        category=st.sampled_from(["filial_piety", "law_abiding"]),
        serious=st.integers(0, 9).map(lambda n: n == 0),
        deduct=st.booleans(),
    )
    def review_moral(self, category: str, serious: bool, deduct: bool) -> None:
        if deduct:
            self._run(
                self.passbook.deduct_moral,
                category=category,
                reason="评议扣分",
                serious=serious and category == "law_abiding",
                by=_WORKER,
                at=self.now,
                key=self._key(),
            )
        else:
            self._run(
                self.passbook.award_moral,
                category=category,
                reason="评议加分",
                by=_WORKER,
                at=self.now,
                key=self._key(),
            )

    @rule(part=st.integers(min_value=0, max_value=4), member=st.integers(0, 1))
    def redeem(self, part: int, member: int) -> None:
        actor = self.holders[member % len(self.holders)]
        # A share of what is available (part 4: all of it, and one more when part is 0),
        # so that redemptions succeed often and the edges are tried too.
        available = self.passbook.available(as_of=max(self.now, self.passbook.events[-1].at))
        points = available + 1 if part == 0 else max(1, available * part // 4)
        events = self._run(
            self.passbook.redeem,
            points=points,
            point="shop-1",
            by=actor,
            at=self.now,
            key=self._key(),
        )
        if events:
            self.orders.append(events[0].key)
            self.swept_through = local_day(self.now)

    @precondition(lambda self: self.orders)
    @rule(data=st.data())
    def cancel_redemption(self, data: st.DataObject) -> None:
        order = data.draw(st.sampled_from(self.orders))
        self._run(
            self.passbook.cancel_redemption,
            order=order,
            reason="取消兑换",
            by=self.holders[0],
            at=self.now,
            key=self._key(),
        )

    @rule()
    def expire(self) -> None:
        if self._run(self.passbook.expire, at=self.now, by=_STRANGER, key=self._key()) is not None:
            self.swept_through = local_day(self.now)

    @precondition(lambda self: self.accruals)
    @rule(data=st.data())
    def reverse(self, data: st.DataObject) -> None:
        accrual = data.draw(st.sampled_from(self.accruals))
        self._run(
            self.passbook.reverse,
            accrual=accrual,
            reason="冲正",
            by=_WORKER,
            at=self.now,
            key=self._key(),
        )

    @precondition(lambda self: self.activities)
    @rule(data=st.data(), minutes=st.integers(0, 600), complaint=st.booleans())
    def correct_service(self, data: st.DataObject, minutes: int, complaint: bool) -> None:
        activity = data.draw(st.sampled_from(self.activities))
        if complaint:
            self._run(
                self.passbook.uphold_complaint,
                activity=activity,
                reason="投诉属实",
                by=_WORKER,
                at=self.now,
                key=self._key(),
            )
        else:
            self._run(
                self.passbook.correct_service,
                activity=activity,
                minutes=minutes,
                reason="更正时长",
                by=_WORKER,
                at=self.now,
                key=self._key(),
            )

    @rule()
    def nobody_credits_themselves(self) -> None:
        own = self._run(
            self.passbook.accrue_activity,
            activity=f"s-{self.serial}",
            on=local_day(self.now),
            activity_kind="cleanup",
            organiser=attrs.evolve(_TEAM, staff={self.holders[-1].person}),
            by=self.holders[-1],
            at=self.now,
            key=self._key(),
        )
        assert own is None, "a holder credited their own passbook"

    @precondition(lambda self: self.last is not None)
    @rule()
    def retry_applies_once(self) -> None:
        last = self._last()
        command, arguments, events = last
        version = self.passbook.version
        again = command(**arguments)
        assert again == events, "a retry returned other events"
        assert self.passbook.version == version, "a retry recorded again"

    @precondition(lambda self: self.last is not None and self.last[2])
    @rule()
    def key_reused_for_another_request(self) -> None:
        last = self._last()
        key = last[2][0].key
        before = (self.passbook.version, *self._balances())
        try:
            self.passbook.award_moral(
                category="law_abiding", reason=f"另一请求 {key}", by=_WORKER, at=self.now, key=key
            )
        except IdempotencyConflict:
            pass
        else:
            raise AssertionError("a reused key with another request was accepted")
        assert (self.passbook.version, *self._balances()) == before

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def balances_are_the_sums_of_entries(self) -> None:
        if self.book is None:
            return
        per_account: dict[tuple[Ledger, AccountRole, str], int] = {}
        for entry in self.passbook.entries():
            assert entry.amount > 0
            for account, signed in ((entry.source, -entry.amount), (entry.target, entry.amount)):
                slot = (entry.ledger, account.role, account.key)
                per_account[slot] = per_account.get(slot, 0) + signed
            if entry.ledger is Ledger.MORAL:
                assert AccountRole.REDEMPTION_POINT not in (entry.source.role, entry.target.role)
        holder = self.passbook.holder.id
        for ledger in Ledger:
            mine = per_account.get((ledger, AccountRole.HOLDER, holder), 0)
            assert mine == self.passbook.balance(ledger), f"{ledger.value}: entries say {mine}"
            assert sum(v for (led, _r, _k), v in per_account.items() if led is ledger) == 0

    @invariant()
    def redeemable_points_never_go_negative(self) -> None:
        if self.book is None:
            return
        assert self.passbook.balance(Ledger.MATERIAL) >= 0
        assert self.passbook.available(as_of=max(self.now, self.passbook.events[-1].at)) >= 0
        assert self.passbook.debt >= 0

    @invariant()
    def debt_is_what_takebacks_left_less_what_was_paid(self) -> None:
        if self.book is None:
            return
        owed = 0
        for event in self.passbook.events:
            owed += getattr(event, "debt", 0) - getattr(event, "settled", 0)
            owed -= getattr(event, "debt_cleared", 0)
        assert self.passbook.debt == owed, f"debt {self.passbook.debt}, the events say {owed}"

    @invariant()
    def expired_points_are_never_spent(self) -> None:
        book = self.book
        if book is None:
            return
        events = book._events
        lots = [seq for seq, event in enumerate(events) if is_lot(event)]
        remaining = book._remaining
        assert len(remaining) == len(book._spent) == len(events)
        assert not any(remaining[seq] for seq, event in enumerate(events) if not is_lot(event))
        assert book.balance(Ledger.MATERIAL) == sum(remaining[lot] for lot in lots)
        assert all(lot in book._lots for lot in lots if remaining[lot]), "a lot left the queue"
        for order in book._orders:
            day = local_day(events[order].at)
            for lot, _amount in book._order_pairs(order):
                expiry = events[lot].expires_on  # type: ignore[union-attr]
                assert expiry is None or day < expiry, "a redemption spent expired points"
        if self.swept_through is not None:
            for lot in lots:
                expiry = events[lot].expires_on  # type: ignore[union-attr]
                if remaining[lot] and expiry is not None and expiry <= self.swept_through:
                    # Only a cancellation after the sweep may bring such points back.
                    assert any(type(e).__name__ == "RedemptionCancelled" for e in book.events)

    @invariant()
    def replay_equals_the_live_passbook(self) -> None:
        book = self.book
        if book is None or book.version % 5:
            return  # every fifth version: replay reads the whole history
        events: list[PassbookEvent] = [
            from_json(PassbookEvent, to_json(e))  # type: ignore[arg-type]
            for e in book.events
        ]
        again = Passbook.replay(events, policy=book.policy)
        assert again == book
        assert again.events == book.events
        assert self._state(again) == self._state(book)

    @staticmethod
    def _state(book: Passbook) -> tuple[Any, ...]:
        last = book.events[-1].at
        return (
            book.version,
            tuple(book.balance(ledger) for ledger in Ledger),
            book.debt,
            book.available(as_of=last + dt.timedelta(days=400)),
            book.barred_until,
            dict(book.totals_by_category()),
            book.star_level,
        )
