"""Escalation (矛盾纠纷联排联化): a resident's case climbs liaison → grid → secretary → agency.

The Kangbashi practice in the article: a resident with a need or a dispute goes first to
the neighbourhood liaison (睦邻党群联络员); what the liaison cannot solve goes up to the
grid worker, then to the community secretary (社区书记); what the community cannot
handle goes to a specialist agency, which accepts (受理), transfers (转办) to the
responsible unit and feeds back (反馈), while supervisors urge (督促督办) and track
(动态跟踪) every case. Reports through the platform go to the grid team first.

- :class:`EscalationPolicy` (data, loaded from TOML or JSON through the codec): the
  levels in order, who acts at each, the 签收 and 办结 clocks, intake by channel, what a
  missed deadline does, the :class:`Route` per channel and category, the service catalogue;
  presets :meth:`EscalationPolicy.four_levels_seven_days`, :meth:`EscalationPolicy.kangbashi`,
  :meth:`EscalationPolicy.kangbashi_routes` (the platform route) and
  :meth:`EscalationPolicy.five_levels` (the street office).
- After 转办 the centre keeps the case (``Case.owner``); each unit's part
  (:class:`UnitPart`) runs on its own clock: :meth:`Case.accept_part`,
  :meth:`Case.report_back`, :meth:`Case.excuse_unit`.
- :class:`Case`: the aggregate, changed only by its commands, each checking its actor;
  its events (:data:`CaseEvent`) are the record of truth, and :meth:`Case.replay`
  rebuilds it from them.
- :func:`sweep`: the job an app runs every few minutes, each case on its own (a
  :class:`SweepResult` lists the cases it could not sweep); :func:`stats`: the period's
  figures. Clocks act as :data:`SWEEP_ACTOR` (``"wulian:sweep"``).
- Past the last State Council notice, cases count on the law's holidays and their
  deadlines are provisional (暂定); :meth:`Case.replan` and :func:`replan` move them
  once the notice is added (:class:`DeadlineReplanned`).

Constants: :data:`SWEEP_ACTOR`, :data:`CASE_EVENTS` (every event type) and
:data:`WIRE_UNIONS` (for the codec).

>>> import datetime as dt
>>> from wulian_core.calendar import SHANGHAI
>>> from wulian_core.people import Actor, Grant, Role, Scope
>>> from wulian_core.regions import RegionCode
>>> yuehe = RegionCode("150603001001")
>>> liaison = Actor("p-2", {Grant(Role.LIAISON, Scope.grid("g-1"))})
>>> case = Case.open(id="c-1", resident="p-1", community=yuehe, grid="g-1",
...     category=CaseCategory.DISPUTE, channel=CaseChannel.IN_PERSON, summary="邻里噪音纠纷",
...     policy=EscalationPolicy.four_levels_seven_days(), by=Actor("p-1"),
...     at=dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI))
>>> case.resolve_due  # one working day, after the National Day holiday
datetime.datetime(2024, 10, 9, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
>>> _ = case.accept(by=liaison, at=dt.datetime(2024, 9, 30, 11, tzinfo=SHANGHAI))
>>> _ = case.escalate(reason="调解未果", by=liaison, at=dt.datetime(2024, 9, 30, 16, tzinfo=SHANGHAI))
>>> case.level.label_zh, case.version
('网格员', 3)

See ``docs/escalation.md`` for the whole story, the policy file and every command.
"""

from __future__ import annotations

from typing import Any, Final

from ._escalation.case import Case
from ._escalation.events import (
    CASE_EVENTS,
    SWEEP_ACTOR,
    CaseAccepted,
    CaseClosed,
    CaseEscalated,
    CaseEvent,
    CaseOpened,
    CaseParked,
    CaseRated,
    CaseReopened,
    CaseResolved,
    CaseReturned,
    CaseSupervised,
    CaseTransferred,
    CaseUrged,
    CaseWithdrawn,
    DeadlineMissed,
    DeadlineReplanned,
    DeadlineWarned,
    ExtensionApproved,
    ExtensionRejected,
    ExtensionRequested,
    FeedbackGiven,
    UnitAccepted,
    UnitExcused,
    UnitReported,
)
from ._escalation.parts import UnitPart
from ._escalation.policy import EscalationLevel, EscalationPolicy, Intake
from ._escalation.routes import Route
from ._escalation.services import DEFAULT_CATALOGUE, Open311Catalogue, Open311Service
from ._escalation.sweep import (
    CaseStats,
    SweepFailure,
    SweepResult,
    UnitStats,
    replan,
    stats,
    sweep,
)
from ._escalation.tracking import CaseDeadline, TimelineEntry
from ._escalation.values import (
    CaseCategory,
    CaseChannel,
    CaseClock,
    CaseResult,
    CaseStatus,
    ClockStart,
    LevelRole,
    Satisfaction,
)
from .errors import EscalationPolicyError

__all__ = [
    "CASE_EVENTS",
    "Case",
    "CaseAccepted",
    "CaseCategory",
    "CaseChannel",
    "CaseClock",
    "CaseClosed",
    "CaseDeadline",
    "CaseEscalated",
    "CaseEvent",
    "CaseOpened",
    "CaseParked",
    "CaseRated",
    "CaseReopened",
    "CaseResolved",
    "CaseResult",
    "CaseReturned",
    "CaseStats",
    "CaseStatus",
    "CaseSupervised",
    "CaseTransferred",
    "CaseUrged",
    "CaseWithdrawn",
    "ClockStart",
    "DEFAULT_CATALOGUE",
    "DeadlineMissed",
    "DeadlineReplanned",
    "DeadlineWarned",
    "EscalationLevel",
    "EscalationPolicy",
    "EscalationPolicyError",
    "ExtensionApproved",
    "ExtensionRejected",
    "ExtensionRequested",
    "FeedbackGiven",
    "Intake",
    "LevelRole",
    "Open311Catalogue",
    "Open311Service",
    "Route",
    "SWEEP_ACTOR",
    "Satisfaction",
    "SweepFailure",
    "SweepResult",
    "TimelineEntry",
    "UnitAccepted",
    "UnitExcused",
    "UnitPart",
    "UnitReported",
    "UnitStats",
    "WIRE_UNIONS",
    "replan",
    "stats",
    "sweep",
]

WIRE_UNIONS: Final[tuple[tuple[Any, tuple[type[Any], ...]], ...]] = ((CaseEvent, CASE_EVENTS),)
"""The tagged unions of this module, for the codec: every case event under its ``kind``."""
