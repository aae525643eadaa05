"""The values a case is made of: its category, channel and status, its clocks, ratings, result.

Enums carry a stable wire value and the Chinese word (:class:`~wulian_core._enums.LabelledEnum`).
"""

from __future__ import annotations

from typing import Any

from attrs import field

from wulian_core import _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue

__all__ = [
    "CaseCategory",
    "CaseChannel",
    "CaseClock",
    "CaseResult",
    "CaseStatus",
    "ClockStart",
    "LevelRole",
    "Satisfaction",
]

_text = _checks.text(max_length=500)


def _optional_text(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _text(instance, attribute, value)


class CaseChannel(LabelledEnum):
    """How a case reaches the community: in person, through the platform, on patrol, by phone.

    The platform is the article's "多多评·码上生活" with its "我的事件" and "投诉建议".

    >>> [channel.label_zh for channel in CaseChannel]
    ['当面求助', '平台上报', '网格巡查', '热线电话']
    """

    IN_PERSON = "in_person", "当面求助"
    PLATFORM = "platform", "平台上报"
    GRID_PATROL = "grid_patrol", "网格巡查"
    HOTLINE = "hotline", "热线电话"


class LevelRole(LabelledEnum):
    """Who acts at a level, and over what scope.

    - ``LIAISON``: a neighbourhood liaison (睦邻党群联络员) of the case's grid;
    - ``GRID_TEAM``: the grid leader or any grid worker (专职, 行业, 兼职) of the grid;
    - ``COMMUNITY_SECRETARY``: the secretary (社区书记) of the case's community;
    - ``STREET_OFFICE``: staff of the street office (街道办事处) over the case's community;
    - ``AGENCY_STAFF``: staff of the specialist agency the case is assigned to.

    >>> LevelRole.GRID_TEAM.label_zh
    '网格工作队伍'
    """

    LIAISON = "liaison", "睦邻党群联络员"
    GRID_TEAM = "grid_team", "网格工作队伍"
    COMMUNITY_SECRETARY = "community_secretary", "社区书记"
    STREET_OFFICE = "street_office", "街道办事处"
    AGENCY_STAFF = "agency_staff", "专门机构"


class ClockStart(LabelledEnum):
    """When a level's 办结 clock starts: on arrival, or once the case is accepted (签收).

    12345 rules count "受理后5个工作日"; the 四级七天 model counts each level's days from
    the moment the case reaches it. The 签收 clock always starts on arrival.

    >>> ClockStart.ACCEPTANCE.label_zh
    '签收后起算'
    """

    ARRIVAL = "arrival", "收到即起算"
    ACCEPTANCE = "acceptance", "签收后起算"


class CaseCategory(LabelledEnum):
    """What a resident brings: an appeal, a complaint or suggestion, a dispute, a hazard.

    >>> [category.label_zh for category in CaseCategory]
    ['诉求', '投诉建议', '矛盾纠纷', '隐患']
    """

    APPEAL = "appeal", "诉求"
    COMPLAINT_OR_SUGGESTION = "complaint_or_suggestion", "投诉建议"
    DISPUTE = "dispute", "矛盾纠纷"
    HAZARD = "hazard", "隐患"


class CaseStatus(LabelledEnum):
    """Where a case stands at its current level. Closed and withdrawn are final.

    >>> CaseStatus.PARKED.label_zh, CaseStatus.CLOSED.is_final, CaseStatus.PARKED.is_final
    ('挂账', True, False)
    """

    AWAITING_ACCEPTANCE = "awaiting_acceptance", "待签收"
    IN_HAND = "in_hand", "办理中"
    RESOLVED = "resolved", "已办结"
    PARKED = "parked", "挂账"
    CLOSED = "closed", "已结案"
    WITHDRAWN = "withdrawn", "已撤回"

    @property
    def is_final(self) -> bool:
        """Closed (结案) or withdrawn (撤回): nothing happens to the case any more."""
        return self is CaseStatus.CLOSED or self is CaseStatus.WITHDRAWN


class CaseClock(LabelledEnum):
    """The two clocks of a level: to accept (签收) and to resolve (办结).

    >>> CaseClock.ACCEPT.label_zh, CaseClock.RESOLVE.label_zh
    ('签收', '办结')
    """

    ACCEPT = "accept", "签收"
    RESOLVE = "resolve", "办结"


class Satisfaction(LabelledEnum):
    """The resident's rating of a resolution (回访评价).

    >>> Satisfaction.BASICALLY_SATISFIED.label_zh, Satisfaction.UNSATISFIED.counts_as_satisfied
    ('基本满意', False)
    """

    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"

    @property
    def counts_as_satisfied(self) -> bool:
        """满意 and 基本满意 count towards the 满意率, as 12345 league tables count them."""
        return self is not Satisfaction.UNSATISFIED


def _unsolved_reason(instance: CaseResult, attribute: Any, value: Any) -> None:
    _optional_text(instance, attribute, value)
    if not instance.solved and value is None:
        raise InvalidValue(
            "CaseResult.unsolved_reason", value, "is required when the case is not solved"
        )


@frozen(kw_only=True)
class CaseResult:
    """What a level records when it resolves a case (办结), after the 12345 处置 form.

    ``complaint_true`` (诉求属实) is ``None`` where the question does not arise;
    ``unsolved_reason`` (未解决原因) is required when ``solved`` is false.

    >>> CaseResult(resident_contacted=True, solved=True, reply="已协调物业清理楼道").solved
    True
    >>> CaseResult(resident_contacted=True, solved=False, reply="已解释政策")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: CaseResult.unsolved_reason: is required when the case is not solved (got None)
    """

    complaint_true: bool | None = field(
        default=None, validator=_checks.instance_of(bool, optional=True)
    )
    resident_contacted: bool = field(validator=_checks.instance_of(bool))
    solved: bool = field(validator=_checks.instance_of(bool))
    reply: str = field(validator=_text)
    unsolved_reason: str | None = field(default=None, validator=_unsolved_reason)
