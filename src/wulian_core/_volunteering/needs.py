"""Residents' needs (需求) and what is on offer (供给): the records 供需精准匹配 works on.

A :class:`Need` is one resident's need in a category, at home in a community (and grid),
in a time window, with an urgency and how far the resident accepts help from. A
:class:`Supply` is what an organization, a volunteer or a charity resource offers: its
categories, where it is, how far it reaches, its time window and its capacity.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from attrs import field

from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode, RegionLevel

from . import checks
from .values import Labelled

__all__ = ["NeedCategory", "Need", "ProviderKind", "Reach", "Supply", "Urgency", "nearness"]


class NeedCategory(Labelled):
    """What a resident needs, as community platforms list it.

    >>> [c.label_zh for c in NeedCategory]
    ['助老', '儿童托管', '助残', '法律咨询', '心理疏导', '维修', '其他']
    """

    ELDERLY_CARE = "elderly_care", "助老"
    CHILDCARE = "childcare", "儿童托管"
    DISABILITY_AID = "disability_aid", "助残"
    LEGAL_ADVICE = "legal_advice", "法律咨询"
    COUNSELLING = "counselling", "心理疏导"
    REPAIR = "repair", "维修"
    OTHER = "other", "其他"


class Urgency(Labelled):
    """How urgent a need is; more urgent needs are matched first.

    >>> Urgency.CRITICAL.rank > Urgency.ROUTINE.rank
    True
    """

    ROUTINE = "routine", "一般"
    URGENT = "urgent", "紧急"
    CRITICAL = "critical", "特急"

    @property
    def rank(self) -> int:
        """0 for routine, 2 for critical."""
        return _URGENCY_RANK[self]


_URGENCY_RANK: Final = {Urgency.ROUTINE: 0, Urgency.URGENT: 1, Urgency.CRITICAL: 2}


class Reach(Labelled):
    """How far from home: the same grid, the same community, the same township (街道/乡镇).

    >>> Reach.GRID.rank < Reach.COMMUNITY.rank < Reach.TOWNSHIP.rank
    True
    """

    GRID = "grid", "本网格"
    COMMUNITY = "community", "本社区"
    TOWNSHIP = "township", "本街道（乡镇）"

    @property
    def rank(self) -> int:
        """0 for the grid, 2 for the township."""
        return _REACH_RANK[self]


_REACH_RANK: Final = {Reach.GRID: 0, Reach.COMMUNITY: 1, Reach.TOWNSHIP: 2}


class ProviderKind(Labelled):
    """Who offers: a social organization's service, a volunteer's skills, a charity's items.

    >>> ProviderKind.CHARITY.label_zh
    '慈善资源'
    """

    ORGANIZATION = "organization", "社会组织服务"
    VOLUNTEER = "volunteer", "志愿者"
    CHARITY = "charity", "慈善资源"


def _community(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, RegionCode) or value.level is not RegionLevel.COMMUNITY:
        raise InvalidValue(
            f"{type(instance).__name__}.community", value, "must be a community code"
        )


@frozen(kw_only=True)
class Need:
    """A resident's need (需求): category, home, time window, urgency and accepted reach.

    >>> import datetime as dt
    >>> from wulian_core.calendar import SHANGHAI
    >>> t = dt.datetime(2024, 3, 2, 9, tzinfo=SHANGHAI)
    >>> need = Need(id="n-1", resident="p-4", category=NeedCategory.ELDERLY_CARE,
    ...     community=RegionCode("150603001001"), grid="g-1", starts=t,
    ...     ends=t + dt.timedelta(hours=3), raised_at=t - dt.timedelta(days=1))
    >>> need.urgency.label_zh, need.reach.label_zh
    ('一般', '本街道（乡镇）')
    """

    id: str = field(validator=checks.ident)
    resident: str = field(validator=checks.ident)
    category: NeedCategory = field(validator=checks.instance_of(NeedCategory))
    community: RegionCode = field(validator=_community)
    grid: str | None = field(default=None, validator=checks.instance_of(str, optional=True))
    starts: dt.datetime = field(validator=checks.aware)
    ends: dt.datetime = field(validator=checks.aware)
    raised_at: dt.datetime = field(validator=checks.aware)
    urgency: Urgency = field(default=Urgency.ROUTINE, validator=checks.instance_of(Urgency))
    reach: Reach = field(default=Reach.TOWNSHIP, validator=checks.instance_of(Reach))
    summary: str = field(default="", validator=checks.text(limit=2000, allow_empty=True))

    def __attrs_post_init__(self) -> None:
        checks.window("starts", "ends")(self)


@frozen(kw_only=True)
class Supply:
    """What is on offer (供给): a provider's categories, place, reach, time window and capacity.

    ``capacity`` is how many needs it can take in its window; ``reach`` how far it goes
    (a grid-level offer names its grid).

    >>> import datetime as dt
    >>> from wulian_core.calendar import SHANGHAI
    >>> t = dt.datetime(2024, 3, 2, 8, tzinfo=SHANGHAI)
    >>> Supply(id="s-1", provider="o-1", kind=ProviderKind.ORGANIZATION,
    ...     categories={NeedCategory.ELDERLY_CARE}, community=RegionCode("150603001001"),
    ...     starts=t, ends=t + dt.timedelta(hours=8), capacity=3).reach.label_zh
    '本社区'
    """

    id: str = field(validator=checks.ident)
    provider: str = field(validator=checks.ident)
    kind: ProviderKind = field(validator=checks.instance_of(ProviderKind))
    categories: frozenset[NeedCategory] = field(
        converter=checks.to_frozenset, validator=checks.members(NeedCategory, non_empty=True)
    )
    community: RegionCode = field(validator=_community)
    grid: str | None = field(default=None, validator=checks.instance_of(str, optional=True))
    starts: dt.datetime = field(validator=checks.aware)
    ends: dt.datetime = field(validator=checks.aware)
    capacity: int = field(validator=checks.whole(minimum=1, maximum=1_000_000))
    reach: Reach = field(default=Reach.COMMUNITY, validator=checks.instance_of(Reach))
    summary: str = field(default="", validator=checks.text(limit=2000, allow_empty=True))

    def __attrs_post_init__(self) -> None:
        checks.window("starts", "ends")(self)
        if self.reach is Reach.GRID and self.grid is None:
            raise InvalidValue("Supply.grid", None, "a grid-level offer names its grid")


def nearness(need: Need, supply: Supply) -> Reach | None:
    """How near ``supply`` is to ``need``'s home: grid, community, township, or ``None``.

    Region codes nest, so the township is the community code's parent.

    >>> import datetime as dt
    >>> from wulian_core.calendar import SHANGHAI
    >>> t = dt.datetime(2024, 3, 2, 9, tzinfo=SHANGHAI)
    >>> need = Need(id="n-1", resident="p-4", category=NeedCategory.REPAIR,
    ...     community=RegionCode("150603001001"), starts=t, ends=t + dt.timedelta(hours=1), raised_at=t)
    >>> offer = Supply(id="s-1", provider="p-8", kind=ProviderKind.VOLUNTEER,
    ...     categories={NeedCategory.REPAIR}, community=RegionCode("150603001002"),
    ...     starts=t, ends=t + dt.timedelta(hours=1), capacity=1, reach=Reach.TOWNSHIP)
    >>> nearness(need, offer)
    <Reach.TOWNSHIP: 'township'>
    """
    if not isinstance(need, Need):
        raise InvalidValue("nearness.need", need, "must be a Need")
    if not isinstance(supply, Supply):
        raise InvalidValue("nearness.supply", supply, "must be a Supply")
    if need.community == supply.community:
        if need.grid is not None and need.grid == supply.grid:
            return Reach.GRID
        return Reach.COMMUNITY
    if need.community[:9] == supply.community[:9]:
        return Reach.TOWNSHIP
    return None
