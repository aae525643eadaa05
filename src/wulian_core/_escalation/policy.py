"""The escalation policy (data): levels, their clocks, intake by channel, and what overdue does.

A policy is frozen data, loaded through the codec from TOML or JSON
(``wulian_core.codec.from_toml(EscalationPolicy, text)``) and checked when built: every
level reachable on some route, no dead ends, no cycle without a way out (see
:mod:`~wulian_core._escalation.routes`). A bad
policy raises :class:`EscalationPolicyError` naming the path of every problem; through
the codec the same problems come out as one :class:`~wulian_core.errors.DecodeError`.

Which calendar the clocks count on is not part of the policy: a
:class:`~wulian_core.escalation.Case` is given its :class:`~wulian_core.calendar.WorkCalendar`
when it is opened or replayed (the official Chinese calendar by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs
from attrs import Factory, field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core.calendar import TimeLimit
from wulian_core.errors import EscalationPolicyError, InvalidValue

from .diagram import markdown as _markdown
from .diagram import mermaid as _mermaid
from .fields import records as _records
from .fields import reopens as _reopens
from .routes import Route, level_ids, next_levels, policy_problems
from .services import DEFAULT_CATALOGUE, Open311Catalogue
from .values import CaseCategory, CaseChannel, ClockStart, LevelRole

__all__ = [
    "EscalationLevel",
    "EscalationPolicy",
    "EscalationPolicyError",
    "Intake",
    "Route",
]


def _limit(optional: bool = False) -> Any:
    return _checks.instance_of(TimeLimit, optional=optional)


def _optional_id(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _checks.identifier(instance, attribute, value)


@frozen(kw_only=True)
class EscalationLevel:
    """One level of the chain: who acts, the 签收 and 办结 clocks, and where it escalates.

    ``escalates_to`` names the default next level, or is ``None`` at the top (the last
    level), where a missed deadline raises 督办 instead and a case may be parked (挂账);
    ``alternatives`` are the other levels a handler may send it to
    (``Case.escalate(to=...)``); the policy's :class:`Route` entries may choose otherwise
    per channel and category. ``unit_accept`` and ``unit_report`` are the clocks of each
    unit a case is transferred to (转办) at this level: 签收 from the transfer, 办结 (the
    report back) from the unit's acceptance; ``None`` takes the level's ``accept`` and
    ``resolve``. ``extension_limit`` caps
    the extensions (延期) granted at the level, all together; ``None`` allows none.
    ``return_within`` is how long after arrival the level may send a wrongly sent case
    back (退回); ``None`` allows it until the case is accepted.

    >>> EscalationLevel.hotline_agency().resolve.label_zh
    '5个工作日'
    >>> EscalationLevel(id="grid", label_zh="网格", role=LevelRole.GRID_TEAM,
    ...     accept=TimeLimit.working_days(1), resolve=TimeLimit.hours(0))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: TimeLimit.amount: must be a whole number from 1 to 10000 (got 0)
    """

    id: str = field(validator=_checks.identifier)
    label_zh: str = field(validator=_checks.name)
    role: LevelRole = field(validator=_checks.instance_of(LevelRole))
    accept: TimeLimit = field(validator=_limit())
    resolve: TimeLimit = field(validator=_limit())
    resolve_from: ClockStart = field(
        default=ClockStart.ARRIVAL, validator=_checks.instance_of(ClockStart)
    )
    escalates_to: str | None = field(default=None, validator=_optional_id)
    extension_limit: TimeLimit | None = field(default=None, validator=_limit(optional=True))
    return_within: TimeLimit | None = field(default=None, validator=_limit(optional=True))
    alternatives: tuple[str, ...] = level_ids()
    # Added after policies were first stored (in CaseOpened): written only when set.
    unit_accept: TimeLimit | None = field(
        default=None, validator=_limit(optional=True), metadata=_checks.LATER_FIELD
    )
    unit_report: TimeLimit | None = field(
        default=None, validator=_limit(optional=True), metadata=_checks.LATER_FIELD
    )

    @property
    def unit_clocks(self) -> tuple[TimeLimit, TimeLimit]:
        """The 签收 and 办结 limits of each unit a case is transferred to at this level.

        >>> [limit.label_zh for limit in EscalationLevel.hotline_agency().unit_clocks]
        ['1个工作日', '5个工作日']
        """
        return (self.unit_accept or self.accept, self.unit_report or self.resolve)

    @classmethod
    def hotline_agency(
        cls, *, id: str = "agency", escalates_to: str | None = None
    ) -> EscalationLevel:
        """A 12345-style agency level (山东省政务服务热线管理办法 and common practice).

        签收 within 1 working day; 办结 within 5 working days of acceptance; extensions up
        to 10 working days in all; a wrongly sent case returned within 2 working days.

        >>> level = EscalationLevel.hotline_agency()
        >>> level.accept.label_zh, level.resolve_from.label_zh, level.extension_limit.label_zh
        ('1个工作日', '签收后起算', '10个工作日')
        >>> level.return_within.label_zh
        '2个工作日'
        """
        return cls(
            id=id,
            label_zh="专门机构",
            role=LevelRole.AGENCY_STAFF,
            accept=TimeLimit.working_days(1),
            resolve=TimeLimit.working_days(5),
            resolve_from=ClockStart.ACCEPTANCE,
            escalates_to=escalates_to,
            extension_limit=TimeLimit.working_days(10),
            return_within=TimeLimit.working_days(2),
        )


@frozen(kw_only=True)
class Intake:
    """The level a case opened through ``channel`` starts at.

    >>> Intake(channel=CaseChannel.PLATFORM, level="grid").channel.label_zh
    '平台上报'
    """

    channel: CaseChannel = field(validator=_checks.instance_of(CaseChannel))
    level: str = field(validator=_checks.identifier)


def _index_of(policy: EscalationPolicy) -> Mapping[str, int]:
    # The index is built before the validators run: levels of the wrong shape give an
    # empty one here, and the validator names the field.
    levels = policy.levels
    if type(levels) is not tuple or not all(isinstance(lv, EscalationLevel) for lv in levels):
        return MappingProxyType({})
    return MappingProxyType({level.id: i for i, level in enumerate(levels)})


@frozen(kw_only=True)
class EscalationPolicy:
    """Who acts at each level, within what time, and what happens when time runs out.

    - ``levels``: the chain, lowest first; each escalates to another, the last (the top) to none.
    - ``intakes``: the level each channel enters at.
    - ``warn_before``: how long before a deadline :func:`~wulian_core.escalation.sweep`
      warns (a working day: at the start of the last working day).
    - ``auto_escalate``: whether a missed 办结 deadline sends the case up a level on its
      own (at the top level it raises 督办 instead). A missed 签收 deadline does the same
      where the level's 办结 clock only starts at acceptance; elsewhere it is marked.
    - ``reopens_to_escalate``: the reopening (重办) at one level that sends the case up
      instead of back (at the top level it raises 督办).
    - ``routes``: :class:`Route` entries choosing the next level per channel and category
      (:meth:`next_levels`); checked as a graph when built (:mod:`routes <wulian_core._escalation.routes>`).
    - ``services``: the service catalogue cases are filed under (Open311 ``GET services``),
      the four case categories by default.

    >>> policy = EscalationPolicy.four_levels_seven_days()
    >>> [(level.id, level.resolve.amount) for level in policy.levels]
    [('liaison', 1), ('grid', 2), ('community', 2), ('agency', 2)]
    >>> policy.entry_level(CaseChannel.PLATFORM).label_zh
    '网格员'
    >>> EscalationPolicy(name="bad", levels=policy.levels[1:], intakes=policy.intakes)
    Traceback (most recent call last):
    ...
    wulian_core.errors.EscalationPolicyError: 1 integrity problem:
    - intakes[0].level: names no level 'liaison'; the levels are grid, community, agency
    """

    name: str = field(validator=_checks.name)
    levels: tuple[EscalationLevel, ...] = field(
        converter=_checks.to_tuple, validator=_records(EscalationLevel)
    )
    intakes: tuple[Intake, ...] = field(converter=_checks.to_tuple, validator=_records(Intake))
    warn_before: TimeLimit = field(default=TimeLimit.working_days(1), validator=_limit())
    auto_escalate: bool = field(default=True, validator=_checks.instance_of(bool))
    reopens_to_escalate: int = field(default=2, validator=_reopens)
    routes: tuple[Route, ...] = field(
        default=(),
        converter=_checks.to_tuple,
        validator=_records(Route),
        metadata=_checks.LATER_FIELD,
    )
    services: Open311Catalogue = field(
        default=DEFAULT_CATALOGUE,
        validator=_checks.instance_of(Open311Catalogue),
        metadata=_checks.LATER_FIELD,
    )
    _index: Mapping[str, int] = field(
        init=False, eq=False, repr=False, default=Factory(_index_of, takes_self=True)
    )

    def __attrs_post_init__(self) -> None:
        problems = policy_problems(self)
        if problems:
            raise EscalationPolicyError(problems)

    @classmethod
    def four_levels_seven_days(cls) -> EscalationPolicy:
        """The 高台 "四级七天" model on the article's chain: 1, 2, 2 and 2 working days.

        The doorstep level (the liaison, in the grid) has 1 working day, then the grid
        team, the community secretary and the specialist agency 2 each: seven working
        days end to end. Each level accepts within 1 working day. A case met in person
        starts with the liaison; platform reports, grid patrols and the hotline start
        with the grid team.

        >>> policy = EscalationPolicy.four_levels_seven_days()
        >>> sum(level.resolve.amount for level in policy.levels)
        7
        >>> [(i.channel.value, i.level) for i in policy.intakes][:2]
        [('in_person', 'liaison'), ('platform', 'grid')]
        """
        day, two = TimeLimit.working_days(1), TimeLimit.working_days(2)
        return cls(
            name="四级七天",
            levels=(
                EscalationLevel(
                    id="liaison",
                    label_zh="睦邻党群联络员",
                    role=LevelRole.LIAISON,
                    accept=day,
                    resolve=day,
                    escalates_to="grid",
                ),
                EscalationLevel(
                    id="grid",
                    label_zh="网格员",
                    role=LevelRole.GRID_TEAM,
                    accept=day,
                    resolve=two,
                    escalates_to="community",
                ),
                EscalationLevel(
                    id="community",
                    label_zh="社区书记",
                    role=LevelRole.COMMUNITY_SECRETARY,
                    accept=day,
                    resolve=two,
                    escalates_to="agency",
                ),
                EscalationLevel(
                    id="agency",
                    label_zh="专门机构",
                    role=LevelRole.AGENCY_STAFF,
                    accept=day,
                    resolve=two,
                ),
            ),
            intakes=_INTAKES,
        )

    @classmethod
    def kangbashi(cls) -> EscalationPolicy:
        """The article's chain with a 12345-style agency level at the top.

        Liaison 1 working day, grid team 2, community secretary 2, then the agency of
        :meth:`EscalationLevel.hotline_agency` (accept 1, resolve 5 after acceptance,
        extensions up to 10, returns within 2).

        >>> policy = EscalationPolicy.kangbashi()
        >>> policy.levels[-1].resolve.label_zh, policy.levels[-1].resolve_from.value
        ('5个工作日', 'acceptance')
        """
        base = cls.four_levels_seven_days()
        return cls(
            name="康巴什矛盾纠纷联排联化",
            levels=(*base.levels[:3], EscalationLevel.hotline_agency()),
            intakes=base.intakes,
        )

    @classmethod
    def kangbashi_routes(cls) -> EscalationPolicy:
        """Kangbashi with its two routes: in person through the secretary, the platform past it.

        A case met in person climbs liaison → grid team → community secretary → agency;
        a platform report goes from the grid team straight to the agency
        ("处置不了的由专门机构第一时间受理"), the secretary remaining a permitted
        alternative. After 转办 each unit accepts within 1 working day and reports back
        within 3 of accepting, inside the lead's 5. The bundled policy file
        ``wulian_core.policies.load_escalation("kangbashi")`` is this preset, with the
        source of each number in its comments.

        >>> policy = EscalationPolicy.kangbashi_routes()
        >>> policy.routes[0].channel.label_zh, policy.routes[0].targets
        ('平台上报', ('agency', 'community'))
        >>> [limit.label_zh for limit in policy.level("agency").unit_clocks]
        ['1个工作日', '3个工作日']
        """
        base = cls.kangbashi()
        agency = attrs.evolve(
            base.levels[-1],
            unit_accept=TimeLimit.working_days(1),
            unit_report=TimeLimit.working_days(3),
        )
        return cls(
            name="康巴什区矛盾纠纷联排联化工作办法",
            levels=(*base.levels[:3], agency),
            intakes=base.intakes,
            routes=(
                Route(
                    level="grid",
                    to="agency",
                    alternatives=("community",),
                    channel=CaseChannel.PLATFORM,
                ),
            ),
        )

    @classmethod
    def five_levels(cls) -> EscalationPolicy:
        """区、街道、社区纵向贯通: liaison, grid worker, secretary, street office, agency.

        The 四级七天 clocks below the street (1, 2, 2 working days), the street office
        (街道办事处) 2 working days as the 镇/综治 level has them, then a 12345-style agency
        (:meth:`EscalationLevel.hotline_agency`). The street office's staff hold
        ``Role.STREET_STAFF`` over the township-level region; they handle the case at
        the street level and may urge and supervise (督办) every case of its communities.

        >>> policy = EscalationPolicy.five_levels()
        >>> [(level.id, level.resolve.amount) for level in policy.levels]
        [('liaison', 1), ('grid', 2), ('community', 2), ('street', 2), ('agency', 5)]
        """
        base = cls.four_levels_seven_days()
        day, two = TimeLimit.working_days(1), TimeLimit.working_days(2)
        community = attrs.evolve(base.levels[2], escalates_to="street")
        street = EscalationLevel(
            id="street",
            label_zh="街道办事处",
            role=LevelRole.STREET_OFFICE,
            accept=day,
            resolve=two,
            escalates_to="agency",
            return_within=day,
        )
        return cls(
            name="区街道社区五级",
            levels=(*base.levels[:2], community, street, EscalationLevel.hotline_agency()),
            intakes=base.intakes,
        )

    def level(self, level_id: str) -> EscalationLevel:
        """The level with this id.

        >>> EscalationPolicy.kangbashi().level("community").role
        <LevelRole.COMMUNITY_SECRETARY: 'community_secretary'>
        >>> EscalationPolicy.kangbashi().level("street")
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: EscalationPolicy.level.level_id: names no level; ... (got 'street')
        """
        index = self._index.get(level_id) if type(level_id) is str else None
        if index is None:
            known = ", ".join(level.id for level in self.levels)
            raise InvalidValue(
                "EscalationPolicy.level.level_id",
                level_id,
                f"names no level; the levels are {known}",
            )
        return self.levels[index]

    def index_of(self, level_id: str) -> int:
        """The position of a level in the chain, 0 for the lowest.

        >>> EscalationPolicy.kangbashi().index_of("agency")
        3
        """
        return self.levels.index(self.level(level_id))

    def next_levels(
        self, level_id: str, *, channel: CaseChannel, category: CaseCategory
    ) -> tuple[str, ...]:
        """Where a case of ``channel`` and ``category`` may go up from ``level_id``: default first.

        Empty at the top. The first matching :class:`Route` decides, else the level's own
        ``escalates_to`` and ``alternatives``.

        >>> policy = EscalationPolicy.kangbashi_routes()
        >>> policy.next_levels("grid", channel=CaseChannel.PLATFORM, category=CaseCategory.APPEAL)
        ('agency', 'community')
        >>> policy.next_levels("grid", channel=CaseChannel.IN_PERSON, category=CaseCategory.APPEAL)
        ('community',)
        """
        for name, value, kind in (
            ("channel", channel, CaseChannel),
            ("category", category, CaseCategory),
        ):
            if not isinstance(value, kind):
                where = f"EscalationPolicy.next_levels.{name}"
                raise InvalidValue(where, value, f"must be a {kind.__name__}")
        return next_levels(self, self.level(level_id), channel, category)

    def entry_level(self, channel: CaseChannel) -> EscalationLevel:
        """The level a case opened through ``channel`` starts at.

        Raises:
            InvalidValue: the policy has no intake for ``channel``.

        >>> EscalationPolicy.kangbashi().entry_level(CaseChannel.IN_PERSON).id
        'liaison'
        """
        for intake in self.intakes:
            if intake.channel is channel:
                return self.level(intake.level)
        raise InvalidValue("channel", channel, f"policy {self.name!r} takes no cases through it")

    def to_mermaid(self) -> str:
        """The chain as a mermaid flowchart: intakes, levels with their clocks, escalations.

        Each :class:`Route` draws with the cases it takes: up by hand (上报), the clock's
        edge (超期) to the route's default, as the sweep follows it, and each alternative
        (可上报) apart; the level's own edges, labelled 其他 beside routes, are for the
        cases no route takes.

        >>> print(EscalationPolicy.four_levels_seven_days().to_mermaid())
        flowchart LR
            C0(["当面求助"]) --> L0
            C1(["平台上报"]) --> L1
            ...
            L0["睦邻党群联络员<br/>签收 1个工作日 · 办结 1个工作日"]
            ...
            L0 -- 上报 --> L1
            ...
            L3 -. 超期 .-> S3{{"督办"}}
        """
        return _mermaid(self)

    def _repr_markdown_(self) -> str:
        return f"**{_markdown(self.name)}**\n\n```mermaid\n{self.to_mermaid()}\n```\n"


_INTAKES = (
    Intake(channel=CaseChannel.IN_PERSON, level="liaison"),
    Intake(channel=CaseChannel.PLATFORM, level="grid"),
    Intake(channel=CaseChannel.GRID_PATROL, level="grid"),
    Intake(channel=CaseChannel.HOTLINE, level="grid"),
)
