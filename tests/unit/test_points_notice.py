"""Moral points in public (公示): posted for working days, objected to, reviewed, credited."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from wulian_core.calendar import SHANGHAI, ChinaCalendar
from wulian_core.codec import from_json, from_toml, to_json
from wulian_core.errors import (
    IdempotencyConflict,
    IllegalTransition,
    IntegrityError,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    WIRE_UNIONS,
    Holder,
    HolderKind,
    Ledger,
    MoralNoticeBoard,
    NoticeEvent,
    Passbook,
    PointsPolicy,
    PostingStatus,
    rank_passbooks,
)
from wulian_core.regions import RegionCode

CAL = ChinaCalendar.official()
T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)  # a Friday
HOME = RegionCode("150603001001")
STAFF = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
PANEL = Actor("rp-1", {Grant(Role.REVIEW_PANEL, Scope.region(HOME))})
NEIGHBOUR = Actor("p-5")
POSTING = attrs.evolve(PointsPolicy.practice(), moral_posting_days=5)


def passbook(holder: str, policy: PointsPolicy = POSTING) -> Passbook:
    return Passbook.open(
        Holder(id=holder, kind=HolderKind.PERSON, community=HOME),
        policy=policy,
        by=STAFF,
        at=T0,
    )


def posted() -> tuple[MoralNoticeBoard, Passbook]:
    board = MoralNoticeBoard.open(board="b-1", community=HOME, by=STAFF, at=T0)
    book = passbook("p-3")
    board.post(
        book,
        category="filial_piety",
        reason="照顾卧床婆婆",
        calendar=CAL,
        by=STAFF,
        at=T0,
        key="post-1",
    )
    return board, book


def test_an_award_is_posted_for_five_working_days_and_credits_only_after() -> None:
    board, book = posted()
    until = dt.datetime(2024, 3, 9, tzinfo=SHANGHAI)  # the end of Friday 03-08

    assert board.posting("post-1").until == until
    assert book.balance(Ledger.MORAL) == 0
    with pytest.raises(IllegalTransition, match="runs until"):
        board.credit(book, posting="post-1", by=STAFF, at=until - dt.timedelta(seconds=1), key="c")
    awarded, done = board.credit(book, posting="post-1", by=STAFF, at=until, key="c-1")

    assert book.balance(Ledger.MORAL) == 3
    assert board.posting("post-1").status is PostingStatus.CREDITED
    assert (awarded.key, done.key) == ("c-1", "c-1")


def test_the_posting_period_counts_working_days_on_the_official_calendar() -> None:
    board = MoralNoticeBoard.open(board="b-1", community=HOME, by=STAFF, at=T0)
    book = passbook("p-3")
    before_the_holiday = dt.datetime(2024, 9, 27, 10, tzinfo=SHANGHAI)

    (ev,) = board.post(
        book,
        category="thrift",
        reason="勤俭持家",
        calendar=CAL,
        by=STAFF,
        at=before_the_holiday,
        key="post-1",
    )

    # 09-29 (a make-up Sunday), 09-30, then 10-08, 10-09, 10-10 after National Day.
    assert ev.until == dt.datetime(2024, 10, 11, tzinfo=SHANGHAI)


def test_an_upheld_objection_means_the_award_is_never_credited() -> None:
    board, book = posted()
    member = passbook("p-5")
    board.object(posting="post-1", reason="事迹不实", by=NEIGHBOUR, member=member, at=T0, key="o")

    board.review(objection="o", upheld=True, reason="经核实不实", by=PANEL, at=T0, key="v")

    award = board.posting("post-1")
    assert (award.status, award.rejection) == (PostingStatus.REJECTED, "经核实不实")
    with pytest.raises(IllegalTransition, match="不予入账"):
        board.credit(book, posting="post-1", by=STAFF, at=T0 + dt.timedelta(days=30), key="c")
    assert book.balance(Ledger.MORAL) == 0


def test_a_dismissed_objection_lets_the_award_credit_when_the_period_ends() -> None:
    board, book = posted()
    board.object(posting="post-1", reason="有疑问", by=STAFF, at=T0, key="o")
    later = T0 + dt.timedelta(days=8)

    with pytest.raises(IllegalTransition, match="pending"):
        board.credit(book, posting="post-1", by=STAFF, at=later, key="c-1")
    board.review(objection="o", upheld=False, reason="情况属实", by=PANEL, at=later, key="v")
    board.credit(book, posting="post-1", by=STAFF, at=later, key="c-1")

    assert book.balance(Ledger.MORAL) == 3


def test_only_people_of_the_community_object_and_only_within_the_period() -> None:
    board, _book = posted()
    elsewhere = Passbook.open(
        Holder(id="p-8", kind=HolderKind.PERSON, community=RegionCode("150603001002")),
        policy=POSTING,
        by=Actor("w-2"),
        at=T0,
    )

    with pytest.raises(PermissionDenied):
        board.object(posting="post-1", reason="不实", by=NEIGHBOUR, at=T0, key="o-1")
    with pytest.raises(PermissionDenied):
        board.object(
            posting="post-1", reason="不实", by=Actor("p-8"), member=elsewhere, at=T0, key="o-2"
        )
    with pytest.raises(IllegalTransition, match="past its posting period"):
        board.object(
            posting="post-1",
            reason="不实",
            by=STAFF,
            at=dt.datetime(2024, 3, 9, tzinfo=SHANGHAI),
            key="o-3",
        )
    assert board.version == 2


def test_only_the_review_panel_reviews_and_never_its_own_objection() -> None:
    board, _book = posted()
    panel_member = passbook("rp-1")
    board.object(posting="post-1", reason="不实", by=PANEL, member=panel_member, at=T0, key="o-1")

    with pytest.raises(PermissionDenied, match="review panel"):
        board.review(objection="o-1", upheld=True, reason="不实", by=STAFF, at=T0, key="v-1")
    with pytest.raises(PermissionDenied, match="their own"):
        board.review(objection="o-1", upheld=True, reason="不实", by=PANEL, at=T0, key="v-1")
    other_panel = Actor("rp-2", {Grant(Role.REVIEW_PANEL, Scope.region(HOME.parent))})
    board.review(objection="o-1", upheld=False, reason="属实", by=other_panel, at=T0, key="v-1")
    with pytest.raises(IllegalTransition, match="reviewed"):
        board.review(objection="o-1", upheld=True, reason="x", by=other_panel, at=T0, key="v-2")


def test_nobody_posts_into_their_own_passbook() -> None:
    board = MoralNoticeBoard.open(board="b-1", community=HOME, by=STAFF, at=T0)
    mine = passbook("w-1")

    with pytest.raises(PermissionDenied):
        board.post(mine, category="thrift", reason="节约", calendar=CAL, by=STAFF, at=T0, key="p-1")
    assert board.version == 1


def test_under_a_posting_policy_a_direct_award_is_refused() -> None:
    book = passbook("p-3")

    with pytest.raises(IllegalTransition, match="MoralNoticeBoard.post"):
        book.award_moral(category="thrift", reason="节约", by=STAFF, at=T0, key="k-1")
    assert book.version == 1


def test_without_a_posting_period_awards_credit_at_once_and_posting_is_refused() -> None:
    board = MoralNoticeBoard.open(board="b-1", community=HOME, by=STAFF, at=T0)
    book = passbook("p-3", PointsPolicy.practice())

    book.award_moral(category="thrift", reason="节约", by=STAFF, at=T0, key="k-1")

    assert book.balance(Ledger.MORAL) == 3
    with pytest.raises(IllegalTransition, match="no posting period"):
        board.post(book, category="thrift", reason="节约", calendar=CAL, by=STAFF, at=T0, key="p")


def test_rankings_count_only_credited_points() -> None:
    board, first = posted()
    second = passbook("p-4")
    board.post(
        second, category="thrift", reason="节约", calendar=CAL, by=STAFF, at=T0, key="post-2"
    )
    later = T0 + dt.timedelta(days=8)
    board.credit(second, posting="post-2", by=STAFF, at=later, key="c-2")

    ranked = rank_passbooks([first, second], on=later.date(), ledger=Ledger.MORAL)

    assert [(r.holder, r.value) for r in ranked] == [("p-4", 3), ("p-3", 0)]


def test_a_retry_credits_once_and_a_changed_request_conflicts() -> None:
    board, book = posted()
    later = T0 + dt.timedelta(days=8)
    first = board.credit(book, posting="post-1", by=STAFF, at=later, key="c-1")

    assert board.credit(book, posting="post-1", by=STAFF, at=later, key="c-1") == first
    with pytest.raises(IdempotencyConflict):
        board.object(posting="post-1", reason="x", by=STAFF, at=later, key="c-1")
    assert book.balance(Ledger.MORAL) == 3


def test_the_board_replays_and_its_events_round_trip() -> None:
    board, book = posted()
    board.object(posting="post-1", reason="有疑问", by=STAFF, at=T0, key="o")
    board.review(objection="o", upheld=False, reason="属实", by=PANEL, at=T0, key="v")
    board.credit(book, posting="post-1", by=STAFF, at=T0 + dt.timedelta(days=8), key="c")

    texts = [to_json(e) for e in board.events]
    again = MoralNoticeBoard.replay(from_json(NoticeEvent, t) for t in texts)

    assert {type(e) for e in board.events} == set(dict(WIRE_UNIONS)[NoticeEvent])
    assert again.events == board.events
    assert again.posting("post-1") == board.posting("post-1")
    with pytest.raises(IntegrityError):
        MoralNoticeBoard.replay(board.events[1:])
    with pytest.raises(NotFound):
        again.posting("post-9")


def test_the_posting_period_is_a_policy_field_read_from_toml() -> None:
    policy = from_toml(PointsPolicy, 'name = "x"\nmoral_posting_days = 5\n')

    assert policy.moral_posting_days == 5
    for bad in (0, 31, True):
        with pytest.raises(InvalidValue, match="moral_posting_days"):
            PointsPolicy(name="x", moral_posting_days=bad)
