"""The notice board's decisions: each checks a command's arguments against the state and
returns the events to record, raising on a refusal and changing nothing.

Who may act: the community's workers and secretary post an award and credit it (never
into their own passbook); anyone of the community objects: a holder of a passbook of
the community, or anyone holding a post over it; the review panel (复核小组) of the
community, or of its street, reviews, but not an objection of its own.
"""

from __future__ import annotations

import datetime as dt

from wulian_core._checks import arg_id
from wulian_core.calendar import SHANGHAI, ChinaCalendar
from wulian_core.errors import IllegalTransition, InvalidValue, NotFound, PermissionDenied
from wulian_core.people import Actor, Role
from wulian_core.regions import RegionCode, RegionLevel

from .events import builder
from .guard import is_staff, may_review, reason_of
from .lots import local_day
from .notice_events import (
    AwardPosted,
    BoardOpened,
    NoticeEvent,
    ObjectionRaised,
    ObjectionReviewed,
    PostedAwardCredited,
    PostingStatus,
)
from .notice_state import NoticeBoardState, Posting
from .policy import MoralCategory
from .state import PassbookState

__all__ = [
    "decide_object",
    "decide_open_board",
    "decide_post",
    "decide_review",
    "open_posting",
    "posting_end",
    "ready_posting",
]

_opened = builder(BoardOpened)
_posted = builder(AwardPosted)
_objected = builder(ObjectionRaised)
_reviewed = builder(ObjectionReviewed)
_credited = builder(PostedAwardCredited)


def posting_end(calendar: ChinaCalendar, at: dt.datetime, days: int) -> dt.datetime:
    """The end of the ``days``-th working day after ``at``'s local day, Asia/Shanghai.

    Posted on Friday 2024-09-27, 5 working days are Sunday 09-29 (a make-up day), 09-30
    and, after the National Day holiday, 10-08 to 10-10:

    >>> cal = ChinaCalendar.official()
    >>> posting_end(cal, dt.datetime(2024, 9, 27, 10, tzinfo=SHANGHAI), 5).isoformat()
    '2024-10-11T00:00:00+08:00'
    """
    last = calendar.add_workdays(local_day(at), days)
    following = last + dt.timedelta(days=1)
    return dt.datetime(following.year, following.month, following.day, tzinfo=SHANGHAI)


def open_posting(board: NoticeBoardState, command: str, posting: object) -> Posting:
    """The posting ``posting`` while it is open (posted or under review)."""
    found = board._postings.get(posting) if type(posting) is str else None
    if found is None:
        raise NotFound("posting", posting)
    if found.status not in (PostingStatus.POSTED, PostingStatus.UNDER_REVIEW):
        raise IllegalTransition(found.status.label_zh, command, f"posting {posting}")
    return found


def decide_open_board(
    *, board: str, community: RegionCode, by: Actor, at: dt.datetime, key: str
) -> tuple[NoticeEvent, ...]:
    """Opening a community's notice board, by its staff."""
    arg_id(board, "MoralNoticeBoard.open.board")
    if not isinstance(community, RegionCode) or community.level is not RegionLevel.COMMUNITY:
        raise InvalidValue("MoralNoticeBoard.open.community", community, "must name a community")
    if not is_staff(by, community):
        raise PermissionDenied("open", by.person, f"only the staff of community {community}")
    return (_opened(board=board, at=at, by=by.person, key=key, community=community),)


def decide_post(
    board: NoticeBoardState,
    book: PassbookState,
    *,
    category: MoralCategory | str,
    reason: str,
    calendar: ChinaCalendar,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[NoticeEvent, ...]:
    """Posting an award of a category's moral points for the policy's working days."""
    days = book._policy.moral_posting_days
    if days is None:
        raise IllegalTransition(
            "credited at once", "post", "the policy sets no posting period: use award_moral"
        )
    if not isinstance(calendar, ChinaCalendar):
        raise InvalidValue("MoralNoticeBoard.post.calendar", calendar, "must be a ChinaCalendar")
    name = category.value if isinstance(category, MoralCategory) else category
    if type(name) is not str or book._policy.moral_rule(name) is None:
        known = ", ".join(r.category for r in book._policy.moral) or "none"
        raise InvalidValue("MoralNoticeBoard.post.category", category, f"must be one of: {known}")
    reason_of(reason, "MoralNoticeBoard.post.reason")
    if book._holder.community != board._community:
        raise InvalidValue(
            "MoralNoticeBoard.post.passbook",
            book._holder.id,
            f"must be of community {board._community}",
        )
    may_review(book, "post", by)
    return (
        _posted(
            board=board._board,
            at=at,
            by=by.person,
            key=key,
            holder=book._holder.id,
            category=name,
            reason=reason,
            working_days=days,
            until=posting_end(calendar, at, days),
        ),
    )


def _of_community(board: NoticeBoardState, by: Actor, member: PassbookState | None) -> bool:
    community = board._community
    if member is not None and member._holder.community == community:
        return by.person in member._people
    for grant in by.grants:
        code = grant.scope.region_code
        if code is not None and (code.contains(community) or community.contains(code)):
            return True
    return False


def decide_object(
    board: NoticeBoardState,
    *,
    posting: str,
    reason: str,
    member: PassbookState | None,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[NoticeEvent, ...]:
    """Objecting to a posted award within its period, with a reason."""
    found = open_posting(board, "object", posting)
    reason_of(reason, "MoralNoticeBoard.object.reason")
    if member is not None and not isinstance(member, PassbookState):
        raise InvalidValue("MoralNoticeBoard.object.member", member, "must be a Passbook")
    if not _of_community(board, by, member):
        raise PermissionDenied(
            "object", by.person, f"only people of community {board._community} object"
        )
    if at >= found.event.until:
        raise IllegalTransition(
            "past its posting period", "object", f"posting {posting} ended {found.event.until}"
        )
    return (
        _objected(board=board._board, at=at, by=by.person, key=key, posting=posting, reason=reason),
    )


def decide_review(
    board: NoticeBoardState,
    *,
    objection: str,
    upheld: bool,
    reason: str,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[NoticeEvent, ...]:
    """The review panel upholding (not credited) or dismissing an objection, with a reason."""
    found = board._objections.get(objection) if type(objection) is str else None
    if found is None:
        raise NotFound("objection", objection)
    if found[1] is not None:
        raise IllegalTransition("reviewed", "review", f"objection {objection}")
    if type(upheld) is not bool:
        raise InvalidValue("MoralNoticeBoard.review.upheld", upheld, "must be True or False")
    reason_of(reason, "MoralNoticeBoard.review.reason")
    raised: ObjectionRaised = found[0]
    open_posting(board, "review", raised.posting)
    if not by.holds_over(Role.REVIEW_PANEL, board._community):
        raise PermissionDenied("review", by.person, "only the review panel (复核小组)")
    if by.person in (raised.by, board._postings[raised.posting].event.holder):
        raise PermissionDenied("review", by.person, "nobody reviews an objection of their own")
    return (
        _reviewed(
            board=board._board,
            at=at,
            by=by.person,
            key=key,
            objection=objection,
            upheld=upheld,
            reason=reason,
        ),
    )


def ready_posting(
    board: NoticeBoardState, book: PassbookState, *, posting: str, at: dt.datetime
) -> AwardPosted:
    """The posting ``posting`` if it may be credited to ``book`` at ``at``: its period
    over, no objection pending, none upheld."""
    found = open_posting(board, "credit", posting)
    if found.event.holder != book._holder.id:
        raise InvalidValue(
            "MoralNoticeBoard.credit.passbook", book._holder.id, "is not the holder's"
        )
    if at < found.event.until:
        raise IllegalTransition(
            "posted", "credit", f"posting {posting} runs until {found.event.until}"
        )
    if found.pending:
        raise IllegalTransition("under review", "credit", f"{found.pending} objection(s) pending")
    return found.event


def credited(
    board: NoticeBoardState, *, posting: str, points: int, by: Actor, at: dt.datetime, key: str
) -> PostedAwardCredited:
    """The board's record of a credited posting."""
    return _credited(
        board=board._board, at=at, by=by.person, key=key, posting=posting, points=points
    )
