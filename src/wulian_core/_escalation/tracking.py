"""Tracking a case (动态跟踪): its running deadlines, its timeline, its time at each level.

Read-only views over a case's state and events, for apps and for Jupyter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import field

from wulian_core._checks import arg_aware, aware_datetime, identifier, instance_of, text
from wulian_core._frames import load_pandas
from wulian_core._frozen import frozen
from wulian_core._labels import masked_text
from wulian_core.calendar import SHANGHAI

from .events import (
    CaseAccepted,
    CaseClosed,
    CaseParked,
    CaseResolved,
    CaseTransferred,
    CaseWithdrawn,
    DeadlineMissed,
    DeadlineReplanned,
    DeadlineWarned,
)
from .flags import (
    ACCEPT_MISSED,
    ACCEPT_PROVISIONAL,
    ACCEPT_WARNED,
    RESOLVE_MISSED,
    RESOLVE_PROVISIONAL,
    RESOLVE_WARNED,
)
from .parts import UnitPart
from .state import CaseState
from .values import CaseClock, CaseResult, CaseStatus

__all__ = [
    "CaseDeadline",
    "TimelineEntry",
    "accept_due",
    "deadlines",
    "frame",
    "records",
    "resolve_due",
    "time_at_levels",
    "timeline",
    "unit_parts",
]

_STOPS = (CaseResolved, CaseParked, CaseWithdrawn, CaseClosed)


@frozen(kw_only=True)
class CaseDeadline:
    """A running clock: its deadline, whether it has warned or run out, and whether it is provisional.

    ``provisional`` is true when the deadline counted days the calendar knows only by
    law (暂定, before the State Council's notice for that year): replan the case when the
    notice is added (:meth:`~wulian_core.escalation.Case.replan`).

    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
    >>> [(d.clock.value, d.due.date().isoformat(), d.missed) for d in case.deadlines]
    [('accept', '2024-09-28', False), ('resolve', '2024-09-28', False)]
    """

    clock: CaseClock = field(validator=instance_of(CaseClock))
    due: dt.datetime = field(validator=aware_datetime)
    warned: bool = field(validator=instance_of(bool))
    missed: bool = field(validator=instance_of(bool))
    provisional: bool = field(default=False, validator=instance_of(bool))


@frozen(kw_only=True)
class TimelineEntry:
    """One line of a case's timeline (动态跟踪): when, what, who, at which level.

    >>> from wulian_core.examples import case_example
    >>> case, who, at = case_example()
    >>> entry = case.timeline()[0]
    >>> entry.what, entry.level, entry.by
    ('受理登记', '睦邻党群联络员', 'p-resident')
    """

    at: dt.datetime = field(validator=aware_datetime)
    kind: str = field(validator=identifier)
    what: str = field(validator=text(max_length=64))
    by: str = field(validator=identifier)
    level: str = field(validator=text(allow_empty=True))  # "" before the first level
    detail: str = field(validator=text(max_length=4000, allow_empty=True))  # a summary: 2000
    provisional: bool = field(default=False, validator=instance_of(bool))
    """Whether a deadline this event set counted provisional days (暂定)."""


_WHAT = {
    "case.opened": "受理登记",
    "case.accepted": "签收",
    "case.returned": "退回",
    "case.escalated": "上报",
    "case.transferred": "转办",
    "case.unit_accepted": "协办签收",
    "case.unit_reported": "协办回单",
    "case.unit_excused": "不待回单",
    "case.resolved": "办结",
    "case.feedback_given": "反馈",
    "case.urged": "催办",
    "case.supervised": "督办",
    "case.extension_requested": "申请延期",
    "case.extension_approved": "同意延期",
    "case.extension_rejected": "驳回延期",
    "case.rated": "评价",
    "case.reopened": "重办",
    "case.withdrawn": "撤回",
    "case.parked": "挂账",
    "case.closed": "结案",
    "case.deadline_warned": "临期预警",
    "case.deadline_missed": "超期",
    "case.deadline_replanned": "时限调整",
}


def _detail(event: Any) -> str:
    kind = event.kind
    if kind == "case.opened":
        return f"{event.category.label_zh}，{event.channel.label_zh}：{event.summary}"
    if kind in ("case.deadline_warned", "case.deadline_missed"):
        unit = f"{event.unit} " if event.unit else ""
        return f"{unit}{event.clock.label_zh}时限 {event.due.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
    if kind == "case.unit_accepted":
        return f"{event.unit}，办结时限 {event.report_due.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
    if kind == "case.unit_reported":
        return f"{event.unit}{'' if event.on_time else '（超期）'}：{event.report}"
    if kind == "case.unit_excused":
        return f"{event.unit}：{event.reason}"
    if kind == "case.resolved":
        result: CaseResult = event.result
        solved = "已解决" if result.solved else f"未解决（{result.unsolved_reason}）"
        return f"{solved}；答复：{result.reply}"
    if kind == "case.rated":
        comment = f"：{event.comment}" if event.comment else ""
        return f"{event.rating.label_zh}{comment}"
    if kind == "case.transferred":
        units = "、".join(event.co_units)
        return f"牵头单位 {event.agency}" + (f"，协办 {units}" if units else "")
    if kind == "case.extension_requested":
        return f"{event.extension.label_zh}：{event.reason}"
    if kind == "case.deadline_replanned":
        return (
            (f"{event.unit} " if event.unit else "")
            + f"{event.clock.label_zh}时限由 {event.previous.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
            f" 调整为 {event.due.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
        )
    if kind == "case.extension_approved":
        return f"办结时限延至 {event.resolve_due.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
    for name in ("reason", "message", "note"):
        value = getattr(event, name, None)
        if value:
            return str(value)
    return ""


def _sets_provisional(event: Any) -> bool:
    if type(event) is DeadlineReplanned:
        return bool(event.provisional)
    return bool(
        getattr(event, "accept_provisional", False) or getattr(event, "resolve_provisional", False)
    )


def accept_due(case: CaseState) -> dt.datetime | None:
    """When the 签收 clock runs out, while the case awaits acceptance."""
    return case._accept_due if case._status is CaseStatus.AWAITING_ACCEPTANCE else None


def resolve_due(case: CaseState) -> dt.datetime | None:
    """When the 办结 clock runs out, while the case awaits acceptance or is in hand."""
    if case._status is CaseStatus.AWAITING_ACCEPTANCE or case._status is CaseStatus.IN_HAND:
        return case._resolve_due
    return None


def deadlines(case: CaseState) -> tuple[CaseDeadline, ...]:
    """The running clocks of ``case``, each with its current deadline and flags."""
    flags = case._flags
    found = []
    if (due := accept_due(case)) is not None:
        found.append(
            CaseDeadline(
                clock=CaseClock.ACCEPT,
                due=due,
                warned=bool(flags & ACCEPT_WARNED),
                missed=bool(flags & ACCEPT_MISSED),
                provisional=bool(flags & ACCEPT_PROVISIONAL),
            )
        )
    if (due := resolve_due(case)) is not None:
        found.append(
            CaseDeadline(
                clock=CaseClock.RESOLVE,
                due=due,
                warned=bool(flags & RESOLVE_WARNED),
                missed=bool(flags & RESOLVE_MISSED),
                provisional=bool(flags & RESOLVE_PROVISIONAL),
            )
        )
    return tuple(found)


def records(case: CaseState) -> list[dict[str, str | bool]]:
    """The timeline of ``case`` as plain dicts, one a row.

    ``escalation_level`` is the level's id in the policy, ``escalation_level_zh`` its name:
    the chain's level, named apart from a region's administrative level in a report.
    """
    ids = {level.label_zh: level.id for level in case._opened.policy.levels}
    return [
        {
            "at": entry.at.isoformat(),
            "kind": entry.kind,
            "what": entry.what,
            "by": entry.by,
            "escalation_level": ids.get(entry.level, entry.level),
            "escalation_level_zh": entry.level,
            "detail": entry.detail,
            "provisional": entry.provisional,
        }
        for entry in timeline(case)
    ]


def frame(case: CaseState) -> Any:
    """:func:`records` as a pandas ``DataFrame`` with typed columns (the ``pandas`` extra)."""
    pd = load_pandas("Case.to_frame")
    rows = records(case)
    levels = [level.id for level in case._opened.policy.levels]
    names = [level.label_zh for level in case._opened.policy.levels]
    at = pd.to_datetime(pd.Series([r["at"] for r in rows], dtype=object), utc=True)
    kinds = sorted({r["kind"] for r in rows})
    return pd.DataFrame(
        {
            "at": at.dt.tz_convert("Asia/Shanghai"),
            "kind": pd.Categorical([r["kind"] for r in rows], categories=kinds),
            "what": pd.array([r["what"] for r in rows], dtype="string"),
            "by": pd.array([r["by"] for r in rows], dtype="string"),
            "escalation_level": pd.Categorical(
                [r["escalation_level"] for r in rows], categories=levels
            ),
            "escalation_level_zh": pd.Categorical(
                [r["escalation_level_zh"] for r in rows], categories=names
            ),
            "detail": pd.array([r["detail"] for r in rows], dtype="string"),
            "provisional": pd.array([r["provisional"] for r in rows], dtype="boolean"),
        }
    )


def timeline(case: CaseState) -> tuple[TimelineEntry, ...]:
    """The history of ``case`` as a tracking table, in Chinese, times in Asia/Shanghai."""
    policy = case._opened.policy
    level = ""
    found = []
    for event in case._events:
        target = getattr(event, "level", None)
        if target is not None and type(event) is not CaseResolved:
            level = policy.level(target).label_zh
        found.append(
            TimelineEntry(
                at=event.at.astimezone(SHANGHAI),
                kind=event.kind,
                what=_WHAT[event.kind],
                by=event.by,
                level=level,
                detail=masked_text(_detail(event)),  # an export: numbers masked
                provisional=_sets_provisional(event),
            )
        )
    return tuple(found)


def time_at_levels(case: CaseState, until: object) -> tuple[tuple[str, dt.timedelta], ...]:
    """Time ``case`` spent open at each level, in its policy's order."""
    end = case._last_at if until is None else arg_aware(until, "Case.time_at_levels.until")
    policy = case._opened.policy
    spent = [dt.timedelta(0)] * len(policy.levels)
    where: int | None = None
    since = case._opened.at
    for event in case._events:
        target = getattr(event, "level", None)
        if target is not None and type(event) is not CaseResolved:
            if where is not None:
                spent[where] += event.at - since
            where, since = case._index[target], event.at
        elif isinstance(event, _STOPS) and where is not None:
            spent[where] += event.at - since
            where = None
    if where is not None and end > since:
        spent[where] += end - since
    return tuple((level.id, time) for level, time in zip(policy.levels, spent, strict=True))


def unit_parts(case: CaseState) -> tuple[UnitPart, ...]:
    """The lead's part (from the case's own clocks since the transfer), then each co-unit's."""
    if case._owner is None or case._agency is None:
        return ()
    stay: list[Any] = []
    for event in reversed(case._events):  # the events since the last transfer
        stay.append(event)
        if type(event) is CaseTransferred:
            break
    stay.reverse()
    moved = stay[0]
    accepted = next((e.at for e in stay if type(e) is CaseAccepted), None)
    resolved = next((e.at for e in stay if type(e) is CaseResolved), None)
    lapsed = {
        (type(e), e.clock)
        for e in stay
        if type(e) in (DeadlineWarned, DeadlineMissed) and e.unit is None
    }
    resolve_due = case._resolve_due
    lead = UnitPart(
        unit=case._agency,
        lead=True,
        assigned_at=moved.at,
        accept_due=moved.accept_due,
        accept_provisional=moved.accept_provisional,
        accepted_at=accepted,
        report_due=resolve_due,
        report_provisional=bool(case._flags & RESOLVE_PROVISIONAL),
        reported_at=resolved,
        accept_warned=(DeadlineWarned, CaseClock.ACCEPT) in lapsed,
        accept_missed=(DeadlineMissed, CaseClock.ACCEPT) in lapsed,
        report_warned=(DeadlineWarned, CaseClock.RESOLVE) in lapsed,
        report_missed=(DeadlineMissed, CaseClock.RESOLVE) in lapsed,
    )
    return (lead, *case._parts)
