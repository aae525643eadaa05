"""The notice board's state and its one apply path (``_record``).

Its decisions are in :mod:`.notice_decide` and its commands in :mod:`.notice_board`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wulian_core.errors import IntegrityError
from wulian_core.regions import RegionCode

from .notice_events import (
    AwardPosted,
    BoardOpened,
    NoticeEvent,
    ObjectionRaised,
    ObjectionReviewed,
    PostedAwardCredited,
    PostingStatus,
)

__all__ = ["NoticeBoardState", "Posting"]


class Posting:
    """A posted award, its objections and where it stands. Internal and mutable."""

    __slots__ = ("event", "objections", "pending", "rejected_by", "status")

    def __init__(self, event: AwardPosted) -> None:
        self.event = event
        self.status = PostingStatus.POSTED
        self.objections: list[str] = []
        self.pending = 0
        self.rejected_by: ObjectionReviewed | None = None


class NoticeBoardState:
    """The postings and objections of one community's board, changed only by ``_record``.

    >>> from wulian_core.examples import notice_board_example
    >>> board, book, staff, panel, at = notice_board_example()
    >>> isinstance(board, NoticeBoardState)
    True
    """

    __slots__ = ("_board", "_by_key", "_community", "_events", "_objections", "_postings")

    def __init__(self, board: str, community: RegionCode) -> None:
        self._board = board
        self._community = community
        self._events: list[NoticeEvent] = []
        self._by_key: dict[str, NoticeEvent] = {}
        self._postings: dict[str, Posting] = {}
        # objection key -> [the objection, its review or None]
        self._objections: dict[str, list[Any]] = {}

    def _record(self, event: NoticeEvent) -> None:
        _APPLY[type(event)](self, event)
        self._events.append(event)
        self._by_key[event.key] = event

    def _apply_opened(self, event: BoardOpened) -> None:
        if self._events:
            raise IntegrityError([f"{event.key}: a notice board is opened once"])

    def _apply_posted(self, event: AwardPosted) -> None:
        self._postings[event.key] = Posting(event)

    def _open_posting(self, key: str, name: str) -> Posting:
        posting = self._postings.get(name)
        if posting is None or posting.status not in (
            PostingStatus.POSTED,
            PostingStatus.UNDER_REVIEW,
        ):
            raise IntegrityError([f"{key}: posting {name} is not open"])
        return posting

    def _apply_objected(self, event: ObjectionRaised) -> None:
        posting = self._open_posting(event.key, event.posting)
        posting.objections.append(event.key)
        posting.pending += 1
        posting.status = PostingStatus.UNDER_REVIEW
        self._objections[event.key] = [event, None]

    def _apply_reviewed(self, event: ObjectionReviewed) -> None:
        found = self._objections.get(event.objection)
        if found is None or found[1] is not None:
            raise IntegrityError([f"{event.key}: objection {event.objection} is not pending"])
        found[1] = event
        posting = self._open_posting(event.key, found[0].posting)
        posting.pending -= 1
        if event.upheld:
            posting.status = PostingStatus.REJECTED
            posting.rejected_by = event
        elif posting.pending == 0:
            posting.status = PostingStatus.POSTED

    def _apply_credited(self, event: PostedAwardCredited) -> None:
        posting = self._open_posting(event.key, event.posting)
        if posting.pending:
            raise IntegrityError([f"{event.key}: posting {event.posting} has objections pending"])
        posting.status = PostingStatus.CREDITED


_APPLY: dict[type[Any], Callable[[NoticeBoardState, Any], None]] = {
    BoardOpened: NoticeBoardState._apply_opened,
    AwardPosted: NoticeBoardState._apply_posted,
    ObjectionRaised: NoticeBoardState._apply_objected,
    ObjectionReviewed: NoticeBoardState._apply_reviewed,
    PostedAwardCredited: NoticeBoardState._apply_credited,
}
