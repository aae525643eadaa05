"""Cases as GeoReport service requests (``GET requests``), with nothing personal in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from wulian_core.calendar import SHANGHAI
from wulian_core.errors import InvalidValue
from wulian_core.escalation import (
    Case,
    CaseStatus,
    FeedbackGiven,
    LevelRole,
    Open311Catalogue,
    UnitPart,
)

from .catalogue import checked_catalogue, json_text
from .masking import mask_personal_numbers

__all__ = ["requests_to_json", "service_request", "service_requests"]


def _instant(value: dt.datetime | None) -> str | None:
    # GeoReport dates are the W3C subset of ISO 8601 with an offset; Shanghai local time
    # reads as the residents and the 12345 centre read it.
    return None if value is None else value.astimezone(SHANGHAI).isoformat(timespec="seconds")


def _latest_reply(case: Case) -> str:
    """The handler's last public word: the resolution's reply, else the last feedback."""
    if case.status is not CaseStatus.WITHDRAWN and case.result is not None:
        return case.result.reply
    for event in reversed(case.events):
        if isinstance(event, FeedbackGiven):
            return event.message
    return ""


def _part_word(part: UnitPart) -> str:
    """Where one unit's part stands, as the public record says it."""
    if part.excused is not None:
        return "中心决定不待其反馈"
    if part.reported_at is not None:
        word = "已办结" if part.lead else "已反馈"
    elif part.accepted_at is not None:
        word = "已签收"
    else:
        word = "待签收"
    if part.overdue:
        word += "，逾期"
    return word


def _units_note(case: Case, agency_names: Mapping[str, str]) -> str:
    """After 转办: the lead unit and each co-unit, named, with where its part stands."""
    lead, *co_units = case.unit_parts
    note = f"转办牵头单位{agency_names.get(lead.unit, lead.unit)}（{_part_word(lead)}）"
    if co_units:
        named = "、".join(
            f"{agency_names.get(part.unit, part.unit)}（{_part_word(part)}）" for part in co_units
        )
        note += f"，协办单位{named}"
    return note


def _status_notes(case: Case, agency_names: Mapping[str, str]) -> str:
    level = case.level
    notes = f"{case.status.label_zh}（{level.label_zh}）"
    if case.supervised:
        notes += "，督办"
    if any(deadline.missed for deadline in case.deadlines):
        notes += "，已逾期"
    if case.owner is not None and case.unit_parts:
        notes += f"；{_units_note(case, agency_names)}"
    reply = _latest_reply(case)
    if reply:
        notes += f"；{reply}"
    return mask_personal_numbers(notes)


def _agency_responsible(case: Case, agency_names: Mapping[str, str]) -> str:
    # GeoReport v2: "the agency responsible for fulfilling or otherwise addressing the
    # service request". After 转办 that is the dispatch centre, not the lead unit: the
    # centre keeps the case, answers the resident and closes it; the units it handed
    # parts to are named in status_notes.
    if case.owner is not None:
        return agency_names.get(case.owner, case.owner)
    level = case.level
    if level.role is LevelRole.AGENCY_STAFF and case.agency is not None:
        return agency_names.get(case.agency, case.agency)
    return level.label_zh


def _service_notice(case: Case) -> str:
    level = case.level
    notice = (
        f"{case.policy.name}：{level.label_zh}{level.accept.label_zh}内签收，"
        f"{level.resolve.label_zh}内办结"
    )
    if case.owner is not None and len(case.unit_parts) > 1:
        # After 转办 the co-units run on clocks of their own, which the policy sets.
        accept, report = level.unit_clocks
        notice += f"；协办单位{accept.label_zh}内签收，签收后{report.label_zh}内回单"
    return notice


def service_request(
    case: Case,
    *,
    catalogue: Open311Catalogue | None = None,
    agency_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The case as a ``GET requests`` record, with nothing personal in it.

    ``status`` is ``"closed"`` once the case is closed (结案) or withdrawn (撤回), else
    ``"open"``; ``status_notes`` says where it stands in Chinese, with the handler's last
    reply and, after 转办, the lead unit and each co-unit with where its part stands
    (``service_notice`` then adds the co-units' 签收 and 回单 limits);
    ``agency_responsible`` is the agency at an agency level, and after 转办 the dispatch
    centre that keeps the case (``case.owner``), not the lead unit (agencies named through
    ``agency_names`` where given), else the level; ``expected_datetime`` is the running
    deadline (办结, else 签收), ``None`` when no clock runs; ``address_id`` is the
    community's 12-digit code. The service is the first of the case's category in
    ``catalogue``, by default the case's own policy's (``case.policy.services``). The
    resident never appears, and numbers in the summary and
    the reply are masked (:func:`mask_personal_numbers`).

    >>> from wulian_core.examples import open311_case
    >>> record = service_request(open311_case(), agency_names={"agency-centre": "矛调中心"})
    >>> record["status_notes"], record["agency_responsible"]
    ('待签收（睦邻党群联络员）', '睦邻党群联络员')
    >>> record["expected_datetime"]
    '2024-10-09T00:00:00+08:00'
    """
    if not isinstance(case, Case):
        raise InvalidValue("service_request.case", case, "must be a Case")
    catalogue = case.policy.services if catalogue is None else checked_catalogue(catalogue)
    names: Mapping[str, str] = {} if agency_names is None else agency_names
    if not isinstance(names, Mapping):
        raise InvalidValue("service_request.agency_names", agency_names, "must be a mapping")
    service = catalogue.for_category(case.category)
    final = case.status.is_final
    due = None if final else (case.resolve_due or case.accept_due)
    return {
        "service_request_id": case.id,
        "status": "closed" if final else "open",
        "status_notes": _status_notes(case, names),
        "service_code": service.service_code,
        "service_name": service.service_name,
        "description": mask_personal_numbers(case.summary),
        "agency_responsible": _agency_responsible(case, names),
        "service_notice": _service_notice(case),
        "requested_datetime": _instant(case.opened_at),
        "updated_datetime": _instant(case.last_at),
        "expected_datetime": _instant(due),
        "address_id": case.community.full,
    }


def service_requests(
    cases: Iterable[Case],
    *,
    catalogue: Open311Catalogue | None = None,
    agency_names: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The ``GET requests`` response: one record per case, ordered by request time, then id.

    >>> from wulian_core.examples import open311_case
    >>> [r["service_request_id"] for r in service_requests([open311_case()])]
    ['c-1']
    """
    if isinstance(cases, (str, Case)) or not isinstance(cases, Iterable):
        raise InvalidValue("service_requests.cases", cases, "must be an iterable of cases")
    chosen = tuple(cases)
    for case in chosen:
        if not isinstance(case, Case):
            raise InvalidValue("service_requests.cases", case, "must hold Cases only")
    ordered = sorted(chosen, key=lambda case: (case.opened_at, case.id))
    return [
        service_request(case, catalogue=catalogue, agency_names=agency_names) for case in ordered
    ]


def requests_to_json(
    cases: Iterable[Case],
    *,
    catalogue: Open311Catalogue | None = None,
    agency_names: Mapping[str, str] | None = None,
) -> str:
    """The ``requests.json`` text of the cases: one list, deterministic.

    >>> from wulian_core.examples import open311_case
    >>> '"status": "open"' in requests_to_json([open311_case()])
    True
    """
    return json_text(service_requests(cases, catalogue=catalogue, agency_names=agency_names))
