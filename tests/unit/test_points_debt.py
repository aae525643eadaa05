"""Debt meets a cancelled redemption: the story the passbook state machine found.

A record is corrected to nothing after its points were spent (debt), a later accrual
pays that debt, then the redemption is cancelled. The refunded points must go back to
the accrual that paid the debt, not to the record that was taken back: otherwise a
later reversal of that record owes less than nothing and the debt goes negative.
"""

from __future__ import annotations

import datetime as dt

from wulian_core.calendar import SHANGHAI
from wulian_core.codec import from_json, to_json
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    ActivityRule,
    Holder,
    HolderKind,
    Passbook,
    PassbookEvent,
    PointsPolicy,
    Term,
    TermKind,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
DAY = T0.date()
HOME = RegionCode("150603001001")
WORKER = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
ME = Actor("p-1")


def _story() -> Passbook:
    policy = PointsPolicy(
        name="debt",
        service=PointsPolicy.practice().service,
        activities=(ActivityRule(kind="meeting", label_zh="会议", points=2),),
        expiry=Term(kind=TermKind.NEVER),
    )
    holder = Holder(id="p-1", kind=HolderKind.PERSON, community=HOME)
    book = Passbook.open(holder, policy=policy, by=WORKER, at=T0)
    book.record_service(activity="a-1", on=DAY, minutes=60, by=WORKER, at=T0, key="k-1")
    book.redeem(points=1, point="shop-1", by=ME, at=T0, key="k-2")
    book.record_service(activity="a-3", on=DAY, minutes=0, by=WORKER, at=T0, key="k-3")
    book.correct_service(activity="a-1", minutes=0, reason="更正时长", by=WORKER, at=T0, key="k-4")
    assert book.debt == 1  # the spent point was taken back
    book.accrue_activity(
        activity="p-5", on=DAY, activity_kind="meeting", by=WORKER, at=T0, key="k-5"
    )
    assert (book.debt, book.available(as_of=T0)) == (0, 1)  # 2 points, 1 paid the debt
    book.cancel_redemption(order="k-2", reason="取消兑换", by=ME, at=T0, key="k-6")
    return book


def test_a_cancelled_redemption_whose_debt_was_repaid_gives_the_points_back() -> None:
    book = _story()

    assert (book.debt, book.available(as_of=T0)) == (0, 2)


def test_reversing_the_taken_back_record_afterwards_owes_nothing() -> None:
    book = _story()

    (reversed_,) = book.reverse(accrual="k-1", reason="冲正", by=WORKER, at=T0, key="k-7")

    assert (reversed_.taken, reversed_.debt) == (0, 0)
    assert (book.debt, book.available(as_of=T0)) == (0, 2)


def test_reversing_the_accrual_that_paid_the_debt_takes_all_its_points() -> None:
    book = _story()

    (reversed_,) = book.reverse(accrual="k-5", reason="冲正", by=WORKER, at=T0, key="k-7")

    assert (reversed_.taken, reversed_.debt) == (2, 0)
    assert (book.debt, book.available(as_of=T0)) == (0, 0)


def test_the_story_replays_from_json() -> None:
    book = _story()
    book.reverse(accrual="k-1", reason="冲正", by=WORKER, at=T0, key="k-7")

    events = [from_json(PassbookEvent, to_json(e)) for e in book.events]  # type: ignore[arg-type]
    again = Passbook.replay(events, policy=book.policy)

    assert (again.debt, again.available(as_of=T0), again.version) == (0, 2, book.version)
