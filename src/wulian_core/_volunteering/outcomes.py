"""What a match becomes: an activity the provider organises, or a case tracked like any other.

A need the community cannot meet with what is on offer, or one that is really a problem
to solve (a leaking roof in a shared stairwell), becomes a case: :func:`case_arguments`
gives the arguments of :meth:`wulian_core.escalation.Case.open` that follow from the need.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wulian_core.errors import InvalidValue
from wulian_core.escalation import CaseCategory, CaseChannel
from wulian_core.model import ServiceArea
from wulian_core.people import Actor

from . import checks
from .activity import CommunityActivity
from .matching import Match
from .needs import Need, NeedCategory
from .values import Audience, Organiser

__all__ = ["AREA_OF_CATEGORY", "activity_for_match", "case_arguments"]

AREA_OF_CATEGORY: dict[NeedCategory, ServiceArea] = {
    NeedCategory.ELDERLY_CARE: ServiceArea.ELDERLY_CARE,
    NeedCategory.CHILDCARE: ServiceArea.CHILD_WELFARE,
    NeedCategory.DISABILITY_AID: ServiceArea.SOCIAL_ASSISTANCE,
    NeedCategory.LEGAL_ADVICE: ServiceArea.COMMUNITY_GOVERNANCE,
    NeedCategory.COUNSELLING: ServiceArea.SOCIAL_AFFAIRS,
    NeedCategory.REPAIR: ServiceArea.COMMUNITY_GOVERNANCE,
    NeedCategory.OTHER: ServiceArea.SOCIAL_AFFAIRS,
}
"""The service area (of Shaanxi's eight) an activity meeting a need of each category is in."""

_AUDIENCE_OF_CATEGORY = {
    NeedCategory.ELDERLY_CARE: Audience.ELDERLY,
    NeedCategory.CHILDCARE: Audience.CHILDREN,
    NeedCategory.DISABILITY_AID: Audience.DISABLED,
}


def activity_for_match(
    match: Match,
    need: Need,
    *,
    id: str,
    organiser: Organiser,
    place: str,
    by: Actor,
    at: dt.datetime,
    title: str | None = None,
    capacity: int = 1,
) -> CommunityActivity:
    """Open the activity that meets ``need`` through ``match``, in the need's window.

    The provider's organiser opens it (``by`` acts for ``organiser``); the resident is
    signed up at once, so the activity's attendance is the need's service.

    >>> from wulian_core.examples import matcher_and_need, volunteering_people as people
    >>> from wulian_core.volunteering import Organiser
    >>> matcher, need = matcher_and_need()
    >>> who, at = people()
    >>> act = activity_for_match(matcher.assign(need), need, id="act-n-1",
    ...     organiser=Organiser.of_community(who.home), place="居民家中", by=who.worker, at=at)
    >>> act.opening.title, act.confirmed
    ('助老服务', ('p-4',))
    """
    if not isinstance(match, Match):
        raise InvalidValue("activity_for_match.match", match, "must be a Match")
    if not isinstance(need, Need) or need.id != match.need:
        raise InvalidValue(
            "activity_for_match.need", need, f"must be the matched need {match.need!r}"
        )
    activity = CommunityActivity.open(
        id=id,
        organiser=organiser,
        title=f"{need.category.label_zh}服务" if title is None else title,
        community=need.community,
        place=place,
        area=AREA_OF_CATEGORY[need.category],
        starts=need.starts,
        ends=need.ends,
        capacity=capacity,
        audience=_AUDIENCE_OF_CATEGORY.get(need.category, Audience.EVERYONE),
        by=by,
        at=at,
    )
    activity.sign_up(person=need.resident, by=by, at=at)
    return activity


def case_arguments(need: Need, *, id: str, grid: str | None = None) -> dict[str, Any]:
    """The arguments of :meth:`~wulian_core.escalation.Case.open` for ``need``, but policy, by and at.

    The case is an appeal (诉求) through the platform; ``grid`` is needed when the need
    names none.

    >>> from wulian_core.examples import matcher_and_need
    >>> _, need = matcher_and_need()
    >>> args = case_arguments(need, id="case-n-1")
    >>> args["category"].label_zh, args["grid"], args["summary"]
    ('诉求', 'g-1', '需求 n-1：助老')
    """
    if not isinstance(need, Need):
        raise InvalidValue("case_arguments.need", need, "must be a Need")
    home = need.grid if grid is None else checks.ident_of(grid, "case_arguments.grid")
    if home is None:
        raise InvalidValue("case_arguments.grid", None, f"need {need.id!r} names no grid: give one")
    summary = f"需求 {need.id}：{need.category.label_zh}"
    if need.summary:
        summary = f"{summary}；{need.summary}"
    return {
        "id": checks.ident_of(id, "case_arguments.id"),
        "resident": need.resident,
        "community": need.community,
        "grid": home,
        "category": CaseCategory.APPEAL,
        "channel": CaseChannel.PLATFORM,
        "summary": summary[:2000],
    }
