"""The :class:`MoralNoticeBoard` aggregate: moral points posted in public (公示) before
they count.

Commands are thin, as the catalogue's: frame (actor, aware instant, key), answer a retry,
decide (:mod:`.notice_decide`; the award itself, :mod:`.earn`), record. A credited award
is recorded in the passbook through :meth:`Passbook.record <wulian_core.points.Passbook.record>`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from wulian_core._checks import arg_aware
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.calendar import ChinaCalendar
from wulian_core.errors import IntegrityError, InvalidValue, NotFound
from wulian_core.people import Actor
from wulian_core.regions import RegionCode

from .earn import decide_award_moral
from .events import PassbookEvent
from .guard import KeyedFrame, check_command, frame, retry_both
from .html import notice_board_html, view_options
from .notice_decide import (
    credited,
    decide_object,
    decide_open_board,
    decide_post,
    decide_review,
    ready_posting,
)
from .notice_events import (
    NOTICE_EVENTS,
    BoardOpened,
    NoticeEvent,
    ObjectionReviewed,
    PostingStatus,
    request_of,
)
from .notice_state import NoticeBoardState
from .passbook import Passbook
from .policy import MoralCategory

__all__ = ["MoralNoticeBoard", "PostedAward"]


@frozen(kw_only=True, field_transformer=typed)
class PostedAward:
    """A posted award as it stands: until when it is posted, its objections, its status.

    >>> from wulian_core.examples import notice_board_example
    >>> board, book, staff, panel, at = notice_board_example()
    >>> award = board.posting("post-1")
    >>> award.status.label_zh, award.until.isoformat()
    ('公示中', '2024-03-09T00:00:00+08:00')
    """

    posting: str
    holder: str
    category: str
    reason: str
    until: dt.datetime
    objections: tuple[str, ...]
    status: PostingStatus
    rejection: str | None


def _passbook(name: str, value: object) -> None:
    if not isinstance(value, Passbook):
        raise InvalidValue(f"{name}.passbook", value, "must be a Passbook")


class MoralNoticeBoard(NoticeBoardState, KeyedFrame):
    """A community's notice board for moral points (品德积分公示栏).

    Under a policy with ``moral_posting_days``, an award is posted (:meth:`post`) for
    that many working days on the calendar given; anyone of the community may object
    within the period (:meth:`object`); the review panel upholds or dismisses each
    objection (:meth:`review`); when the period has ended with no objection pending or
    upheld, :meth:`credit` records the award in the passbook. Until then it counts
    nowhere: not in the balance, not in rankings.

    >>> from wulian_core.examples import notice_board_example
    >>> board, book, staff, panel, at = notice_board_example()
    >>> from wulian_core.points import Ledger
    >>> book.balance(Ledger.MORAL), board.posting("post-1").status.label_zh
    (0, '公示中')
    """

    __slots__ = ()
    _request_of = staticmethod(request_of)  # the request each of its events answered

    @classmethod
    def open(
        cls, *, board: str, community: RegionCode, by: Actor, at: dt.datetime, key: str = "opened"
    ) -> MoralNoticeBoard:
        """A new board for community ``community``, opened by its staff.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> board = MoralNoticeBoard.open(board="board-1", community=book.holder.community,
        ...                               by=worker, at=at)
        >>> board.board, board.version
        ('board-1', 1)
        """
        check_command("MoralNoticeBoard.open", by, at, key)
        (event,) = decide_open_board(board=board, community=community, by=by, at=at, key=key)
        made = cls(board, community)
        made._record(event)
        return made

    @classmethod
    def replay(cls, events: Iterable[NoticeEvent]) -> MoralNoticeBoard:
        """The board these events (its whole history, in order) describe.

        >>> from wulian_core.examples import notice_board_example
        >>> board, book, staff, panel, at = notice_board_example()
        >>> MoralNoticeBoard.replay(board.events).posting("post-1").holder
        'p-3'
        """
        given: object = events  # checked here because callers pass anything
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidValue(f"{cls.__name__}.replay.events", given, "must be iterable")
        history = list(given)
        if not history or type(history[0]) is not BoardOpened:
            raise IntegrityError(["a notice board's history starts with BoardOpened"])
        first: BoardOpened = history[0]
        made = cls(first.board, first.community)
        made._replay(history, NOTICE_EVENTS, first.board, "board")
        return made

    # --- commands ---------------------------------------------------------------------------

    def post(
        self,
        passbook: Passbook,
        *,
        category: MoralCategory | str,
        reason: str,
        calendar: ChinaCalendar,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[NoticeEvent, ...]:
        """Post an award of a category's moral points to the holder of ``passbook``, for
        the policy's working days on ``calendar``; the posting's id is ``key``.

        >>> from wulian_core.examples import notice_board_example
        >>> from wulian_core.calendar import ChinaCalendar
        >>> board, book, staff, panel, at = notice_board_example()
        >>> (ev,) = board.post(book, category="neighbourly_help", reason="帮邻居修水管",
        ...                    calendar=ChinaCalendar.official(), by=staff, at=at, key="post-2")
        >>> ev.working_days, ev.until.date().isoformat()
        (5, '2024-03-09')
        """
        _passbook("MoralNoticeBoard.post", passbook)
        name = category.value if isinstance(category, MoralCategory) else category
        request = ("post", getattr(by, "person", by), passbook.holder.id, name, reason)
        found = self._start("post", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_post(
                self,
                passbook,
                category=category,
                reason=reason,
                calendar=calendar,
                by=by,
                at=at,
                key=key,
            )
        )

    def object(
        self,
        *,
        posting: str,
        reason: str,
        by: Actor,
        at: dt.datetime,
        key: str,
        member: Passbook | None = None,
    ) -> tuple[NoticeEvent, ...]:
        """Object to a posted award within its period, with a reason (异议).

        Anyone of the community may: show it with ``member=``, the objector's own
        passbook (or their household's) in the community, or by a post over it.

        >>> from wulian_core.examples import notice_board_example
        >>> board, book, staff, panel, at = notice_board_example()
        >>> _ = board.object(posting="post-1", reason="事迹不实", by=staff, at=at, key="o-1")
        >>> board.posting("post-1").status.label_zh
        '复核中'
        """
        request = ("object", getattr(by, "person", by), posting, reason)
        found = self._start("object", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_object(
                self, posting=posting, reason=reason, member=member, by=by, at=at, key=key
            )
        )

    def review(
        self, *, objection: str, upheld: bool, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[NoticeEvent, ...]:
        """The review panel's finding on an objection (复核): upheld, and the award is
        not credited; or dismissed, and it is credited when its period ends.

        >>> from wulian_core.examples import notice_board_example
        >>> board, book, staff, panel, at = notice_board_example()
        >>> _ = board.object(posting="post-1", reason="事迹不实", by=staff, at=at, key="o-1")
        >>> _ = board.review(objection="o-1", upheld=True, reason="经核实，事迹不实", by=panel,
        ...                  at=at, key="v-1")
        >>> board.posting("post-1").status.label_zh, board.posting("post-1").rejection
        ('不予入账', '经核实，事迹不实')
        """
        request = ("review", getattr(by, "person", by), objection, upheld, reason)
        found = self._start("review", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_review(
                self, objection=objection, upheld=upheld, reason=reason, by=by, at=at, key=key
            )
        )

    def credit(
        self, passbook: Passbook, *, posting: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent | NoticeEvent, ...]:
        """Credit a posted award once its period has ended with no objection pending or
        upheld: the passbook records ``MoralPointsAwarded`` (within the category's cap
        per period, counted now) and the board records the credit, under ``key``.

        >>> from wulian_core.examples import notice_board_example
        >>> import datetime as dt
        >>> board, book, staff, panel, at = notice_board_example()
        >>> later = at + dt.timedelta(days=8)
        >>> awarded, _ = board.credit(book, posting="post-1", by=staff, at=later, key="c-1")
        >>> awarded.points, board.posting("post-1").status.label_zh
        (3, '已入账')
        """
        _passbook("MoralNoticeBoard.credit", passbook)
        check_command("MoralNoticeBoard.credit", by, at, key)
        request = ("credit", by.person, posting)
        retried = retry_both(self._by_key.get(key), passbook, key, request, asked=request_of)
        if retried is not None:
            return retried
        self._start("credit", by, at, key, request)
        posted = ready_posting(self, passbook, posting=posting, at=at)
        frame(passbook, "award_moral", by, at, key)
        (awarded,) = decide_award_moral(
            passbook,
            category=posted.category,
            reason=posted.reason,
            by=by,
            at=at,
            key=key,
            posted=True,
        )
        points: int = awarded.points  # type: ignore[union-attr]  # a MoralPointsAwarded
        done = credited(self, posting=posting, points=points, by=by, at=at, key=key)
        passbook.record(awarded)
        self._record(done)
        return (awarded, done)

    # --- queries ----------------------------------------------------------------------------

    @property
    def board(self) -> str:
        """The board's id."""
        return self._board

    @property
    def community(self) -> RegionCode:
        """The community whose awards the board posts."""
        return self._community

    @property
    def version(self) -> int:
        """How many events the board holds."""
        return len(self._events)

    @property
    def events(self) -> tuple[NoticeEvent, ...]:
        """The whole history, oldest first."""
        return tuple(self._events)

    def posting(self, posting: str) -> PostedAward:
        """The posted award ``posting`` as it stands.

        >>> from wulian_core.examples import notice_board_example
        >>> board, book, staff, panel, at = notice_board_example()
        >>> board.posting("post-1").objections
        ()
        """
        found = self._postings.get(posting) if type(posting) is str else None
        if found is None:
            raise NotFound("posting", posting)
        rejected: ObjectionReviewed | None = found.rejected_by
        event = found.event
        return PostedAward(
            posting=posting,
            holder=event.holder,
            category=event.category,
            reason=event.reason,
            until=event.until,
            objections=tuple(found.objections),
            status=found.status,
            rejection=None if rejected is None else rejected.reason,
        )

    def postings(self, status: PostingStatus | None = None) -> Iterator[PostedAward]:
        """Every posted award, oldest first, or those with ``status``.

        >>> from wulian_core.examples import notice_board_example
        >>> [p.posting for p in notice_board_example()[0].postings()]
        ['post-1']
        """
        for name, found in self._postings.items():
            if status is None or found.status is status:
                yield self.posting(name)

    def due(self, at: dt.datetime) -> tuple[str, ...]:
        """The postings that may be credited at ``at``: period over, nothing pending.

        >>> from wulian_core.examples import notice_board_example
        >>> import datetime as dt
        >>> board, book, staff, panel, at = notice_board_example()
        >>> board.due(at), board.due(at + dt.timedelta(days=8))
        ((), ('post-1',))
        """
        at = arg_aware(at, "MoralNoticeBoard.due.at")
        return tuple(
            name
            for name, found in self._postings.items()
            if found.status is PostingStatus.POSTED and at >= found.event.until
        )

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The last 20 postings as HTML; ``full=True`` every one; ``lang="en"`` in English.

        >>> from wulian_core.examples import notice_board_example
        >>> "<th>posted until</th>" in notice_board_example()[0].to_html(lang="en")
        True
        """
        language = view_options(full, lang, "MoralNoticeBoard")
        return notice_board_html(self, last=None if full else 20, lang=language)

    def _repr_html_(self) -> str:
        """For Jupyter: the postings, with their status and objections, in a small table."""
        return self.to_html()
