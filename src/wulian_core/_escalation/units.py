"""The units' decisions after 转办: transfer, each co-unit's acceptance and report, the centre's call.

The dispatch centre (the agency that transfers) keeps the case: it stays its owner,
tracks, urges and supervises, answers the resident and closes. The lead unit works the
case on the case's own clocks (``accept``, ``resolve``); each co-unit accepts its part
(:func:`decide_accept_part`) within the level's ``unit_accept`` from the transfer and
reports back (:func:`decide_report_back`) within ``unit_report`` of accepting. The lead
resolves once every co-unit has reported, or once the centre has decided to go on
without one, with a written reason (:func:`decide_excuse_unit`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from wulian_core._checks import arg_id, arg_text
from wulian_core.errors import IllegalTransition, InvalidValue, PermissionDenied
from wulian_core.people import Actor

from .clock import arrival_fields, counts_provisional, due_time
from .events import CaseTransferred, UnitAccepted, UnitExcused, UnitReported
from .guard import handler_words, handles, level_of, owns, require, unit_of, where
from .parts import UnitPart
from .state import CaseState
from .values import CaseStatus, LevelRole

__all__ = [
    "decide_accept_part",
    "decide_excuse_unit",
    "decide_report_back",
    "decide_transfer",
    "waiting_for",
]

_OPEN = (CaseStatus.AWAITING_ACCEPTANCE, CaseStatus.IN_HAND)


def _base(case: CaseState, by: Actor, at: dt.datetime) -> dict[str, Any]:
    return {"case": case._opened.case, "at": at, "by": by.person}


def waiting_for(case: CaseState) -> tuple[str, ...]:
    """The co-units whose part is neither reported nor excused."""
    return tuple(part.unit for part in case._parts if not part.done)


def decide_transfer(
    case: CaseState, by: Actor, at: dt.datetime, lead: object, co_units: object, note: object
) -> list[Any]:
    level = level_of(case)
    if level.role is not LevelRole.AGENCY_STAFF:
        raise IllegalTransition(where(case), "transfer", "only an agency level transfers (转办)")
    require(case, "transfer", (CaseStatus.IN_HAND,), "accept the case before transferring it")
    if not handles(case, by) and not owns(case, by):
        raise PermissionDenied("transfer", by.person, handler_words(case) + ", or the centre")
    lead = arg_id(lead, "Case.transfer.lead")
    if lead == case._agency:
        raise InvalidValue("Case.transfer.lead", lead, "is the agency that holds the case already")
    if isinstance(co_units, str) or not isinstance(co_units, Iterable):
        raise InvalidValue("Case.transfer.co_units", co_units, "must be a sequence of agency ids")
    units = tuple(arg_id(unit, "Case.transfer.co_units") for unit in co_units)
    if lead in units or len(set(units)) != len(units):
        raise InvalidValue(
            "Case.transfer.co_units", units, "must be distinct and not include the lead unit"
        )
    note = arg_text(note, "Case.transfer.note", blank=True)
    arrival = {"level": level.id, **arrival_fields(level, at, case._calendar)}
    clocks: dict[str, Any] = {}
    if units:
        limit = level.unit_clocks[0]
        due = due_time(limit, at, case._calendar)
        clocks = {
            "unit_accept_due": due,
            "unit_accept_provisional": counts_provisional(limit, due, case._calendar),
        }
    return [
        CaseTransferred(
            **_base(case, by, at), **arrival, agency=lead, co_units=units, note=note, **clocks
        )
    ]


def _own_part(case: CaseState, command: str, by: Actor) -> UnitPart:
    require(case, command, _OPEN, "a unit acts on its part while the case is open")
    unit = unit_of(case, by)
    if unit is None:
        units = ", ".join(case._co_units) or "none"
        raise PermissionDenied(command, by.person, f"only staff of a co-unit act ({units})")
    return next(part for part in case._parts if part.unit == unit)


def decide_accept_part(case: CaseState, by: Actor, at: dt.datetime) -> list[Any]:
    part = _own_part(case, "accept_part", by)
    if part.accepted_at is not None or part.done:
        raise IllegalTransition(
            where(case), "accept_part", f"{part.unit} accepted its part already"
        )
    limit = level_of(case).unit_clocks[1]
    due = due_time(limit, at, case._calendar)
    provisional = counts_provisional(limit, due, case._calendar)
    return [
        UnitAccepted(
            **_base(case, by, at), unit=part.unit, report_due=due, report_provisional=provisional
        )
    ]


def decide_report_back(case: CaseState, by: Actor, at: dt.datetime, report: object) -> list[Any]:
    part = _own_part(case, "report_back", by)
    if part.done:
        raise IllegalTransition(where(case), "report_back", f"{part.unit} is done with its part")
    if part.accepted_at is None:
        raise IllegalTransition(
            where(case), "report_back", f"{part.unit} accepts its part before reporting"
        )
    report = arg_text(report, "Case.report_back.report")
    on_time = part.report_due is None or at < part.report_due
    return [UnitReported(**_base(case, by, at), unit=part.unit, report=report, on_time=on_time)]


def decide_excuse_unit(
    case: CaseState, by: Actor, at: dt.datetime, unit: object, reason: object
) -> list[Any]:
    require(case, "excuse_unit", _OPEN, "the centre decides while the case is open")
    if not owns(case, by):
        owner = case._owner or "none: the case was not transferred"
        raise PermissionDenied("excuse_unit", by.person, f"only staff of the centre ({owner})")
    unit = arg_id(unit, "Case.excuse_unit.unit")
    if unit not in waiting_for(case):
        raise InvalidValue(
            "Case.excuse_unit.unit",
            unit,
            f"names no co-unit still to report (waiting for: {', '.join(waiting_for(case)) or 'none'})",
        )
    reason = arg_text(reason, "Case.excuse_unit.reason")
    return [UnitExcused(**_base(case, by, at), unit=unit, reason=reason)]
