"""The kinds of stream the store holds, and for each what it needs to read one back.

One table, so that loading, snapshots and the repositories agree on every kind: the
event union the codec decodes a row into, the event field that names the aggregate, the
aggregate class and the attribute its stream id comes from. Cases and passbooks replay
with the store's calendar and points policy; every other kind replays from its events
alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from attrs import frozen

from wulian_core.calendar import WorkCalendar
from wulian_core.escalation import Case, CaseEvent
from wulian_core.points import (
    Catalogue,
    CatalogueEvent,
    MoralNoticeBoard,
    NoticeEvent,
    Passbook,
    PassbookEvent,
    PointsPolicy,
    ShopEvent,
    ShopRegistry,
)
from wulian_core.volunteering import (
    ActivityEvent,
    CommunityActivity,
    RegistrationEvent,
    VolunteerRegistration,
)

__all__ = ["KINDS", "Kind", "replay", "simple_check"]


@frozen
class Kind:
    """What the store knows of one kind of stream.

    >>> KINDS["activity"].repository, KINDS["activity"].owner
    ('activities', 'activity')
    """

    union: Any  # the event union rows of this kind decode into
    owner: str  # the event field naming the aggregate (snapshots check it)
    cls: type
    ident: str  # the aggregate's attribute that is its stream id
    repository: str  # the unit of work's attribute: uow.cases, uow.activities, ...
    noun: str  # what NotFound calls a missing one


KINDS: Final[dict[str, Kind]] = {
    "case": Kind(CaseEvent, "case", Case, "id", "cases", "case"),
    "passbook": Kind(PassbookEvent, "holder", Passbook, "holder", "passbooks", "passbook"),
    "catalogue": Kind(CatalogueEvent, "point", Catalogue, "point", "catalogues", "catalogue"),
    "registration": Kind(
        RegistrationEvent,
        "volunteer",
        VolunteerRegistration,
        "person",
        "registrations",
        "registration",
    ),
    "activity": Kind(ActivityEvent, "activity", CommunityActivity, "id", "activities", "activity"),
    "shops": Kind(ShopEvent, "registry", ShopRegistry, "registry", "shops", "shop registry"),
    "board": Kind(NoticeEvent, "board", MoralNoticeBoard, "board", "boards", "notice board"),
}


def replay(
    kind: str,
    events: Sequence[Any],
    *,
    policy: PointsPolicy,
    calendar: WorkCalendar | None,
) -> Any:
    """The aggregate of ``kind`` that ``events`` (its whole history) describe.

    >>> from wulian_core.examples import activity_opened
    >>> act, _, _ = activity_opened()
    >>> replay("activity", act.events, policy=PointsPolicy.practice(), calendar=None) == act
    True
    """
    if kind == "case":
        return Case.replay(events, calendar=calendar)
    if kind == "passbook":
        return Passbook.replay(events, policy=policy)
    cls: Any = KINDS[kind].cls  # each class's replay takes the events alone
    return cls.replay(events)


def simple_check(aggregate: Any) -> list[Any]:
    """What a volunteering, shop or notice-board aggregate's state comes to, for snapshots.

    Their histories are short and their replays cheap, so a snapshot of one is replayed
    whole; the check only tells a release that derives the state differently.

    >>> from wulian_core.examples import activity_opened
    >>> simple_check(activity_opened()[0])
    [1, 'open', 0, 0]
    """
    if isinstance(aggregate, CommunityActivity):
        return [
            aggregate.version,
            aggregate.status.value,
            len(aggregate.confirmed),
            sum(aggregate.certified.values()),
        ]
    if isinstance(aggregate, VolunteerRegistration):
        return [aggregate.version, aggregate.status.value]
    return [aggregate.version]
