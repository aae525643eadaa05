"""The notice board's events: moral-point awards posted in public (公示), objections
raised (异议) and reviewed (复核), and posted awards credited when the period ends.

A community's :class:`~wulian_core.points.MoralNoticeBoard` posts an award for the
working days the points policy sets (``moral_posting_days``); it is credited to the
passbook only when the period has ended with no objection upheld.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from attrs import field

import wulian_core._checks as _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode

__all__ = [
    "NOTICE_EVENTS",
    "AwardPosted",
    "BoardOpened",
    "NoticeEvent",
    "ObjectionRaised",
    "ObjectionReviewed",
    "PostedAwardCredited",
    "PostingStatus",
    "request_of",
]

_id = _checks.identifier
_at = _checks.aware_datetime
_reason = _checks.text(max_length=500)


_days = _checks.count(minimum=1)


def _flag(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not bool:
        raise InvalidValue(_checks.field_name(instance, attribute), value, "must be True or False")


class PostingStatus(LabelledEnum):
    """Where a posted award stands.

    >>> [status.label_zh for status in PostingStatus]
    ['公示中', '复核中', '已入账', '不予入账']
    """

    POSTED = "posted", "公示中"
    UNDER_REVIEW = "under_review", "复核中"
    CREDITED = "credited", "已入账"
    REJECTED = "rejected", "不予入账"


@frozen(kw_only=True)
class BoardOpened:
    """A community opened its notice board for moral points.

    >>> BoardOpened.kind
    'notice.board_opened'
    """

    kind: ClassVar[str] = "notice.board_opened"
    board: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))


@frozen(kw_only=True)
class AwardPosted:
    """An award of moral points was posted in public until ``until`` (the end of the
    policy's last working day of posting); the posting is ``key``.

    >>> AwardPosted.kind
    'notice.award_posted'
    """

    kind: ClassVar[str] = "notice.award_posted"
    board: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    holder: str = field(validator=_id)
    category: str = field(validator=_id)
    reason: str = field(validator=_reason)
    working_days: int = field(validator=_days)
    until: dt.datetime = field(validator=_at)


@frozen(kw_only=True)
class ObjectionRaised:
    """Someone of the community objected to a posted award, with a reason.

    >>> ObjectionRaised.kind
    'notice.objection_raised'
    """

    kind: ClassVar[str] = "notice.objection_raised"
    board: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    posting: str = field(validator=_id)
    reason: str = field(validator=_reason)


@frozen(kw_only=True)
class ObjectionReviewed:
    """The review panel (复核小组) upheld an objection (the award is not credited) or
    dismissed it, with a reason.

    >>> ObjectionReviewed.kind
    'notice.objection_reviewed'
    """

    kind: ClassVar[str] = "notice.objection_reviewed"
    board: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    objection: str = field(validator=_id)
    upheld: bool = field(validator=_flag)
    reason: str = field(validator=_reason)


@frozen(kw_only=True)
class PostedAwardCredited:
    """A posted award was credited: the passbook records its ``MoralPointsAwarded``
    under the same key.

    >>> PostedAwardCredited.kind
    'notice.award_credited'
    """

    kind: ClassVar[str] = "notice.award_credited"
    board: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    posting: str = field(validator=_id)
    points: int = field(validator=_checks.count())


NoticeEvent = BoardOpened | AwardPosted | ObjectionRaised | ObjectionReviewed | PostedAwardCredited
"""Any event of a notice board; ``codec.from_json(NoticeEvent, text)`` reads one back."""

NOTICE_EVENTS: tuple[type[Any], ...] = (
    BoardOpened,
    AwardPosted,
    ObjectionRaised,
    ObjectionReviewed,
    PostedAwardCredited,
)


def request_of(event: NoticeEvent) -> tuple[Any, ...]:
    """What the command that recorded ``event`` was asked: a retry must ask the same.

    >>> request_of(ObjectionRaised(board="b-1", at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
    ...     by="p-5", key="o-1", posting="post-1", reason="不属实"))
    ('object', 'p-5', 'post-1', '不属实')
    """
    if isinstance(event, AwardPosted):
        return ("post", event.by, event.holder, event.category, event.reason)
    if isinstance(event, ObjectionRaised):
        return ("object", event.by, event.posting, event.reason)
    if isinstance(event, ObjectionReviewed):
        return ("review", event.by, event.objection, event.upheld, event.reason)
    if isinstance(event, PostedAwardCredited):
        return ("credit", event.by, event.posting)
    return ("open", event.by)
