"""A scripted walk through the escalation chain: every command, refused and recorded.

Each step runs one command on the case as the steps before left it and writes one line:
the events it recorded, as JSON, or the error it raised, type and whole message. The
transcript is held byte for byte by ``tests/unit/test_escalation_decisions.py``, so a
refusal that names the wrong argument or value, or an event with a wrong field, shows
up as a diff (mutation testing asked for this: ``docs/testing.md``).

If a change is meant to alter the decisions, regenerate and read the diff:

    .venv/bin/python tests/golden/escalation_decisions.py > tests/golden/escalation-decisions.txt
"""

# ruff: noqa: E501  # one step a line reads better than a wrapped one
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from wulian_core.calendar import TimeLimit
from wulian_core.codec import to_json
from wulian_core.errors import WulianError
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseResult,
    EscalationPolicy,
    Intake,
    Satisfaction,
)
from wulian_core.examples import case_example
from wulian_core.regions import RegionCode

Step = tuple[str, Callable[..., Any]]
H = dt.timedelta(hours=1)
SOLVED = CaseResult(resident_contacted=True, solved=True, reply="已调解")
DAYS2 = TimeLimit.working_days(2)


def _open_refusals(who: Any, at: dt.datetime) -> list[Step]:
    good: dict[str, Any] = {
        "id": "case-2",
        "resident": "p-resident",
        "community": RegionCode("150603001001"),
        "grid": "g-1",
        "category": CaseCategory.DISPUTE,
        "channel": CaseChannel.IN_PERSON,
        "summary": "楼上住户漏水",
        "policy": EscalationPolicy.kangbashi(),
        "by": who.resident,
        "at": at,
    }
    bad = [
        ("by", "p-resident"),
        ("at", at.replace(tzinfo=None)),
        ("policy", "kangbashi"),
        ("community", "150603001001"),
        ("category", "dispute"),
        ("channel", "in_person"),
        ("id", " "),
        ("resident", ""),
        ("grid", "g" * 65),
        ("summary", " "),
        ("summary", "长" * 2001),
        ("by", who.stranger),
        ("calendar", "official"),
    ]
    steps: list[Step] = [
        (f"open {name}={value!r}"[:60], lambda c, n=name, v=value: Case.open(**{**good, n: v}))
        for name, value in bad
    ]
    steps.append(("open home_agency ''", lambda c: Case.open(**good, home_agency="")))
    steps.append(("open", lambda c: Case.open(**good)))
    steps.append(("open by liaison", lambda c: Case.open(**{**good, "by": who.liaison})))
    steps.append(
        (
            "open through the hotline",
            lambda c: Case.open(**{**good, "channel": CaseChannel.HOTLINE, "by": who.liaison}),
        )
    )
    return steps


def steps(who: Any, at: dt.datetime) -> list[Step]:
    t = [at + n * H for n in range(60)]
    return [
        # --- at the liaison, reported --------------------------------------------------
        ("resolve before accepting", lambda c: c.resolve(result=SOLVED, by=who.liaison, at=t[0])),
        ("accept by a stranger", lambda c: c.accept(by=who.stranger, at=t[0])),
        ("accept by the grid worker", lambda c: c.accept(by=who.grid_worker, at=t[0])),
        ("transfer at the liaison", lambda c: c.transfer(lead="agency-1", by=who.liaison, at=t[0])),
        ("park at the liaison", lambda c: c.park(reason="挂账", by=who.liaison, at=t[0])),
        ("rate unresolved", lambda c: c.rate(rating=Satisfaction.SATISFIED, by=who.resident, at=t[0])),
        ("reopen unresolved", lambda c: c.reopen(reason="重办", by=who.supervisor, at=t[0])),
        ("approve no request", lambda c: c.approve_extension(by=who.supervisor, at=t[0])),
        ("reject no request", lambda c: c.reject_extension(reason="不同意", by=who.supervisor, at=t[0])),
        ("extension before accepting", lambda c: c.request_extension(extension=DAYS2, reason="需要时间", by=who.liaison, at=t[0])),
        ("urge by a stranger", lambda c: c.urge(note="请尽快", by=who.stranger, at=t[0])),
        ("supervise by a stranger", lambda c: c.supervise(reason="督办", by=who.stranger, at=t[0])),
        ("withdraw by a stranger", lambda c: c.withdraw(reason="不需要了", by=who.stranger, at=t[0])),
        ("feedback by a stranger", lambda c: c.give_feedback(message="已了解", by=who.stranger, at=t[0])),
        ("close by a stranger", lambda c: c.close(by=who.stranger, at=t[0])),
        ("send back by a stranger", lambda c: c.send_back(reason="不属实", by=who.stranger, at=t[0])),
        ("urge with a blank note", lambda c: c.urge(note=" ", by=who.supervisor, at=t[0])),
        ("urge", lambda c: c.urge(note="请尽快", by=who.supervisor, at=t[0])),
        ("supervise with no reason", lambda c: c.supervise(reason="", by=who.supervisor, at=t[0])),
        ("feedback blank", lambda c: c.give_feedback(message=" ", by=who.liaison, at=t[0])),
        ("feedback", lambda c: c.give_feedback(message="已了解", by=who.liaison, at=t[0])),
        ("accept", lambda c: c.accept(by=who.liaison, at=t[1])),
        ("accept again", lambda c: c.accept(by=who.liaison, at=t[1])),
        # --- at the liaison, in hand ------------------------------------------------------
        ("extension where none is granted", lambda c: c.request_extension(extension=DAYS2, reason="需要时间", by=who.liaison, at=t[1])),
        ("send back with a blank reason", lambda c: c.send_back(reason=" ", by=who.liaison, at=t[1])),
        ("resolve with no result", lambda c: c.resolve(result="已调解", by=who.liaison, at=t[1])),
        ("resolve by a stranger", lambda c: c.resolve(result=SOLVED, by=who.stranger, at=t[1])),
        ("escalate with no reason", lambda c: c.escalate(reason=" ", by=who.liaison, at=t[2])),
        ("escalate by a stranger", lambda c: c.escalate(reason="调解不成", by=who.stranger, at=t[2])),
        ("escalate naming an agency too early", lambda c: c.escalate(reason="调解不成", agency="agency-x", by=who.liaison, at=t[2])),
        ("escalate", lambda c: c.escalate(reason="调解不成", by=who.liaison, at=t[2])),
        # --- at the grid --------------------------------------------------------------------
        ("accept at the grid", lambda c: c.accept(by=who.grid_worker, at=t[3])),
        ("send back once accepted", lambda c: c.send_back(reason="不属于网格", by=who.grid_worker, at=t[3])),
        ("escalate to the community", lambda c: c.escalate(reason="需社区协调", by=who.grid_worker, at=t[4])),
        # --- at the community -----------------------------------------------------------------
        ("accept at the community", lambda c: c.accept(by=who.secretary, at=t[5])),
        ("escalate to the agency, a blank one", lambda c: c.escalate(reason="需专门机构", agency=" ", by=who.secretary, at=t[6])),
        ("escalate to the agency, a number", lambda c: c.escalate(reason="需专门机构", agency=7, by=who.secretary, at=t[6])),
        ("escalate to the agency, none named: the home agency", lambda c: c.escalate(reason="需专门机构", by=who.secretary, at=t[6])),
        # --- at the agency -------------------------------------------------------------------
        ("escalate from the top", lambda c: c.escalate(reason="再上报", by=who.centre, at=t[7])),
        ("transfer before accepting", lambda c: c.transfer(lead="agency-1", by=who.centre, at=t[7])),
        ("accept at the agency", lambda c: c.accept(by=who.centre, at=t[7])),
        ("transfer to itself", lambda c: c.transfer(lead="agency-centre", by=who.centre, at=t[8])),
        ("transfer with a string of units", lambda c: c.transfer(lead="agency-1", co_units="u-2", by=who.centre, at=t[8])),
        ("transfer with a number of units", lambda c: c.transfer(lead="agency-1", co_units=3, by=who.centre, at=t[8])),
        ("transfer with a blank unit", lambda c: c.transfer(lead="agency-1", co_units=["u-2", " "], by=who.centre, at=t[8])),
        ("transfer with the lead among the units", lambda c: c.transfer(lead="agency-1", co_units=["agency-1"], by=who.centre, at=t[8])),
        ("transfer with a unit twice", lambda c: c.transfer(lead="agency-1", co_units=["u-2", "u-2"], by=who.centre, at=t[8])),
        ("transfer with a blank lead", lambda c: c.transfer(lead="", by=who.centre, at=t[8])),
        ("transfer with a note too long", lambda c: c.transfer(lead="agency-1", note="长" * 501, by=who.centre, at=t[8])),
        ("transfer by a stranger", lambda c: c.transfer(lead="agency-1", by=who.stranger, at=t[8])),
        ("transfer", lambda c: c.transfer(lead="agency-1", co_units=["u-2", "u-3"], note="请牵头办理", by=who.centre, at=t[8])),
        ("accept after the transfer", lambda c: c.accept(by=who.unit, at=t[9])),
        ("extension not a limit", lambda c: c.request_extension(extension=2, reason="需要时间", by=who.unit, at=t[10])),
        ("extension in natural days", lambda c: c.request_extension(extension=TimeLimit.natural_days(2), reason="需要时间", by=who.unit, at=t[10])),
        ("extension beyond the limit", lambda c: c.request_extension(extension=TimeLimit.working_days(11), reason="需要时间", by=who.unit, at=t[10])),
        ("extension without a reason", lambda c: c.request_extension(extension=DAYS2, reason="", by=who.unit, at=t[10])),
        ("extension by a stranger", lambda c: c.request_extension(extension=DAYS2, reason="需要时间", by=who.stranger, at=t[10])),
        ("extension", lambda c: c.request_extension(extension=DAYS2, reason="需要时间", by=who.unit, at=t[10])),
        ("extension again", lambda c: c.request_extension(extension=DAYS2, reason="需要时间", by=who.unit, at=t[10])),
        ("approve by a stranger", lambda c: c.approve_extension(by=who.stranger, at=t[11])),
        ("reject by a stranger", lambda c: c.reject_extension(reason="不同意", by=who.stranger, at=t[11])),
        ("reject without a reason", lambda c: c.reject_extension(reason=" ", by=who.supervisor, at=t[11])),
        ("approve", lambda c: c.approve_extension(by=who.supervisor, at=t[11])),
        ("extension, the rest of the limit", lambda c: c.request_extension(extension=TimeLimit.working_days(9), reason="还需要", by=who.unit, at=t[12])),
        ("extension, what is left", lambda c: c.request_extension(extension=TimeLimit.working_days(8), reason="还需要", by=who.unit, at=t[12])),
        ("reject", lambda c: c.reject_extension(reason="不同意", by=who.supervisor, at=t[13])),
        # Since the centre keeps a transferred case, the lead resolves once every co-unit
        # has reported back or the centre goes on without it.
        ("go on without u-2", lambda c: c.excuse_unit(unit="u-2", reason="无需协办", by=who.centre, at=t[13])),
        ("go on without u-3", lambda c: c.excuse_unit(unit="u-3", reason="无需协办", by=who.centre, at=t[13])),
        ("resolve, not solved", lambda c: c.resolve(result=CaseResult(resident_contacted=True, solved=False, reply="已解释", unsolved_reason="历史遗留"), by=who.unit, at=t[14])),
        # --- resolved -------------------------------------------------------------------------
        ("reopen before a rating", lambda c: c.reopen(reason="重办", by=who.supervisor, at=t[15])),
        ("rate by a stranger", lambda c: c.rate(rating=Satisfaction.UNSATISFIED, by=who.stranger, at=t[15])),
        ("rate with a word", lambda c: c.rate(rating="unsatisfied", by=who.resident, at=t[15])),
        ("rate with a long comment", lambda c: c.rate(rating=Satisfaction.UNSATISFIED, comment="长" * 501, by=who.resident, at=t[15])),
        ("rate", lambda c: c.rate(rating=Satisfaction.UNSATISFIED, comment="没解决", by=who.resident, at=t[15])),
        ("rate again", lambda c: c.rate(rating=Satisfaction.SATISFIED, by=who.resident, at=t[15])),
        ("withdraw once resolved", lambda c: c.withdraw(reason="算了", by=who.resident, at=t[16])),
        ("urge once resolved", lambda c: c.urge(note="请尽快", by=who.supervisor, at=t[16])),
        ("reopen by a stranger", lambda c: c.reopen(reason="重办", by=who.stranger, at=t[16])),
        ("reopen without a reason", lambda c: c.reopen(reason="", by=who.supervisor, at=t[16])),
        ("reopen naming an agency", lambda c: c.reopen(reason="重办", agency="agency-x", by=who.supervisor, at=t[16])),
        ("reopen", lambda c: c.reopen(reason="重办", by=who.supervisor, at=t[16])),
        ("resolve again", lambda c: c.resolve(result=SOLVED, by=who.unit, at=t[17])),
        ("accept the redo", lambda c: c.accept(by=who.unit, at=t[17])),
        ("resolve the redo", lambda c: c.resolve(result=SOLVED, by=who.unit, at=t[18])),
        ("rate the redo", lambda c: c.rate(rating=Satisfaction.UNSATISFIED, by=who.resident, at=t[19])),
        ("reopen at the top, the second time", lambda c: c.reopen(reason="再次重办", by=who.supervisor, at=t[20])),
        ("accept the second redo", lambda c: c.accept(by=who.unit, at=t[21])),
        ("supervise", lambda c: c.supervise(reason="重点督办", by=who.supervisor, at=t[21])),
        ("park without a reason", lambda c: c.park(reason=" ", by=who.unit, at=t[22])),
        ("park by a stranger", lambda c: c.park(reason="挂账", by=who.stranger, at=t[22])),
        ("park", lambda c: c.park(reason="条件不具备，挂账", by=who.unit, at=t[22])),
        ("feedback once parked", lambda c: c.give_feedback(message="已挂账", by=who.unit, at=t[23])),
        ("close with a note too long", lambda c: c.close(note="长" * 501, by=who.supervisor, at=t[23])),
        ("close by the resident", lambda c: c.close(by=who.resident, at=t[23])),
        ("close", lambda c: c.close(note="结案", by=who.supervisor, at=t[23])),
        ("close again", lambda c: c.close(by=who.supervisor, at=t[24])),
        ("feedback once closed", lambda c: c.give_feedback(message="已结案", by=who.unit, at=t[24])),
        ("escalate once closed", lambda c: c.escalate(reason="再上报", by=who.unit, at=t[24])),
        ("supervise once closed", lambda c: c.supervise(reason="督办", by=who.supervisor, at=t[24])),
    ]  # fmt: skip


def _side_roads(who: Any, at: dt.datetime) -> Iterator[tuple[str, list[Step]]]:
    """Short stories off the main road: withdrawal, a sent-back case, a satisfied rating."""
    t = [at + n * H for n in range(10)]
    yield (
        "withdrawn",
        [
            (
                "withdraw by the liaison",
                lambda c: c.withdraw(reason="不需要了", by=who.liaison, at=t[0]),
            ),
            (
                "withdraw without a reason",
                lambda c: c.withdraw(reason=" ", by=who.resident, at=t[0]),
            ),
            ("withdraw", lambda c: c.withdraw(reason="已自行解决", by=who.resident, at=t[0])),
            ("accept once withdrawn", lambda c: c.accept(by=who.liaison, at=t[1])),
            ("close once withdrawn", lambda c: c.close(by=who.supervisor, at=t[1])),
        ],
    )
    yield (
        "sent back",
        [
            (
                "send back at the first level",
                lambda c: c.send_back(reason="不属实", by=who.liaison, at=t[0]),
            ),
            ("accept", lambda c: c.accept(by=who.liaison, at=t[0])),
            ("escalate", lambda c: c.escalate(reason="调解不成", by=who.liaison, at=t[1])),
            (
                "send back by the liaison",
                lambda c: c.send_back(reason="不属于网格", by=who.liaison, at=t[2]),
            ),
            (
                "send back without a reason",
                lambda c: c.send_back(reason=" ", by=who.grid_worker, at=t[2]),
            ),
            ("send back", lambda c: c.send_back(reason="不属于网格", by=who.grid_worker, at=t[2])),
            ("accept at the first level again", lambda c: c.accept(by=who.liaison, at=t[3])),
        ],
    )
    yield (
        "to an agency, late",
        [
            ("accept", lambda c: c.accept(by=who.liaison, at=t[0])),
            ("escalate", lambda c: c.escalate(reason="调解不成", by=who.liaison, at=t[0])),
            ("accept at the grid", lambda c: c.accept(by=who.grid_worker, at=t[0])),
            (
                "escalate to the community",
                lambda c: c.escalate(reason="需社区协调", by=who.grid_worker, at=t[0]),
            ),
            ("accept at the community", lambda c: c.accept(by=who.secretary, at=t[0])),
            (
                "escalate to the agency",
                lambda c: c.escalate(reason="需专门机构", by=who.secretary, at=t[0]),
            ),
            # The agency sends a case back within 2 working days of its arrival: not at their end.
            (
                "send back as the window closes",
                lambda c: c.send_back(
                    reason="不属本机构",
                    by=who.centre,
                    at=dt.datetime(2024, 9, 30, tzinfo=at.tzinfo),
                ),
            ),
        ],
    )
    yield (
        "at the agency, on the deadline",
        [
            ("accept", lambda c: c.accept(by=who.liaison, at=t[0])),
            ("escalate", lambda c: c.escalate(reason="调解不成", by=who.liaison, at=t[0])),
            ("accept at the grid", lambda c: c.accept(by=who.grid_worker, at=t[0])),
            (
                "escalate to the community",
                lambda c: c.escalate(reason="需社区协调", by=who.grid_worker, at=t[0]),
            ),
            ("accept at the community", lambda c: c.accept(by=who.secretary, at=t[0])),
            (
                "escalate to the agency",
                lambda c: c.escalate(reason="需专门机构", by=who.secretary, at=t[0]),
            ),
            ("accept at the agency", lambda c: c.accept(by=who.centre, at=t[1])),
            (
                "extension on the deadline",
                lambda c: c.request_extension(
                    extension=DAYS2, reason="需要时间", by=who.centre, at=c.resolve_due
                ),
            ),
            (
                "resolve on the deadline",
                lambda c: c.resolve(result=SOLVED, by=who.centre, at=c.resolve_due),
            ),
        ],
    )
    yield (
        "satisfied",
        [
            ("accept", lambda c: c.accept(by=who.liaison, at=t[0])),
            ("resolve", lambda c: c.resolve(result=SOLVED, by=who.liaison, at=t[1])),
            ("rate", lambda c: c.rate(rating=Satisfaction.BASICALLY_SATISFIED, by=who.resident, at=t[2])),
            ("reopen a satisfied case", lambda c: c.reopen(reason="重办", by=who.supervisor, at=t[3])),
            ("close by the liaison", lambda c: c.close(by=who.liaison, at=t[3])),
            ("close again", lambda c: c.close(by=who.liaison, at=t[4])),
        ],
    )  # fmt: skip


def _opened(policy: EscalationPolicy, at: dt.datetime, **changes: Any) -> Case:
    """The example's case opened afresh: under ``policy``, at ``at``, with ``changes``."""
    _, who, _ = case_example()
    fields: dict[str, Any] = {
        "id": "case-1",
        "resident": "p-resident",
        "community": RegionCode("150603001001"),
        "grid": "g-1",
        "category": CaseCategory.DISPUTE,
        "channel": CaseChannel.IN_PERSON,
        "summary": "楼上住户漏水，协商未果",
        "policy": policy,
        "by": who.resident,
        "at": at,
        "home_agency": "agency-centre",
    }
    return Case.open(**{**fields, **changes})


def _to_the_agency(who: Any, t: list[dt.datetime], *, agency: str | None = None) -> list[Step]:
    """Up the chain to the agency level, accepted at each level below it."""
    return [
        ("accept", lambda c: c.accept(by=who.liaison, at=t[0])),
        ("escalate", lambda c: c.escalate(reason="调解不成", by=who.liaison, at=t[0])),
        ("accept at the grid", lambda c: c.accept(by=who.grid_worker, at=t[0])),
        ("escalate to the community", lambda c: c.escalate(reason="需社区协调", by=who.grid_worker, at=t[0])),
        ("accept at the community", lambda c: c.accept(by=who.secretary, at=t[0])),
        ("escalate to the agency", lambda c: c.escalate(reason="需专门机构", agency=agency, by=who.secretary, at=t[0])),
    ]  # fmt: skip


def _more_roads(who: Any, at: dt.datetime) -> Iterator[tuple[str, Callable[[], Case], list[Step]]]:
    """Stories that start from a case of their own: another policy, channel or instant."""
    t = [at + n * H for n in range(10)]
    kangbashi = EscalationPolicy.kangbashi()
    # With no home agency, a case that climbs to the agency level must be told which.
    yield (
        "no home agency",
        lambda: _opened(kangbashi, at, home_agency=None),
        [
            *_to_the_agency(who, t)[:-1],
            ("escalate to the agency, none named", lambda c: c.escalate(reason="需专门机构", by=who.secretary, at=t[0])),
            ("escalate to the agency, named", lambda c: c.escalate(reason="需专门机构", agency="agency-centre", by=who.secretary, at=t[0])),
            ("park before accepting", lambda c: c.park(reason="挂账", by=who.centre, at=t[1])),
        ],
    )  # fmt: skip
    # The routed policy: a platform case starts at the grid, and goes on to the agency or,
    # as its alternative, to the community.
    yield (
        "routed",
        lambda: _opened(
            EscalationPolicy.kangbashi_routes(), at, channel=CaseChannel.PLATFORM, by=who.liaison
        ),
        [
            ("accept at the grid", lambda c: c.accept(by=who.grid_worker, at=t[0])),
            ("escalate to a level no route gives", lambda c: c.escalate(reason="需协调", to="liaison", by=who.grid_worker, at=t[0])),
            ("escalate to the alternative", lambda c: c.escalate(reason="需社区协调", to="community", by=who.grid_worker, at=t[0])),
        ],
    )  # fmt: skip
    # Co-units that have not reported back hold the lead's resolution.
    yield (
        "co-units waiting",
        lambda: _opened(kangbashi, at),
        [
            *_to_the_agency(who, t),
            ("accept at the agency", lambda c: c.accept(by=who.centre, at=t[1])),
            ("approve with no request", lambda c: c.approve_extension(by=who.supervisor, at=t[1])),
            ("reject with no request", lambda c: c.reject_extension(reason="不同意", by=who.supervisor, at=t[1])),
            ("transfer", lambda c: c.transfer(lead="agency-1", co_units=["u-2", "u-3"], by=who.centre, at=t[2])),
            ("accept after the transfer", lambda c: c.accept(by=who.unit, at=t[2])),
            ("resolve, two co-units waiting", lambda c: c.resolve(result=SOLVED, by=who.unit, at=t[3])),
            ("go on without u-2", lambda c: c.excuse_unit(unit="u-2", reason="无需协办", by=who.centre, at=t[3])),
            ("resolve, one co-unit waiting", lambda c: c.resolve(result=SOLVED, by=who.unit, at=t[3])),
        ],
    )  # fmt: skip
    # An extension approved after the first deadline ran out: the case is late, and a
    # second request is refused though the new deadline is ahead; one approved at the
    # very instant it would end is refused too.
    yield (
        "an extension past the deadline",
        lambda: _opened(kangbashi, at),
        [
            *_to_the_agency(who, t),
            ("accept at the agency", lambda c: c.accept(by=who.centre, at=t[1])),
            ("extension", lambda c: c.request_extension(extension=DAYS2, reason="需要时间", by=who.centre, at=t[2])),
            ("approve after the deadline", lambda c: c.approve_extension(by=who.supervisor, at=c.resolve_due + H)),
            ("extension once late", lambda c: c.request_extension(extension=DAYS2, reason="还需要", by=who.centre, at=c.resolve_due - H)),
        ],
    )  # fmt: skip
    yield (
        "an extension approved as it ends",
        lambda: _opened(kangbashi, at),
        [
            *_to_the_agency(who, t),
            ("accept at the agency", lambda c: c.accept(by=who.centre, at=t[1])),
            ("extension", lambda c: c.request_extension(extension=DAYS2, reason="需要时间", by=who.centre, at=t[2])),
            ("approve as the extended deadline ends", lambda c: c.approve_extension(by=who.supervisor, at=DAYS2.extend(c.resolve_due, c.calendar))),
        ],
    )  # fmt: skip
    # Reopened twice at the community: the second time it climbs to the agency level.
    yield (
        "reopened up to the agency",
        lambda: _opened(kangbashi, at),
        [
            *_to_the_agency(who, t)[:5],
            ("resolve at the community", lambda c: c.resolve(result=SOLVED, by=who.secretary, at=t[1])),
            ("rate", lambda c: c.rate(rating=Satisfaction.UNSATISFIED, by=who.resident, at=t[1])),
            ("reopen", lambda c: c.reopen(reason="重办", by=who.supervisor, at=t[1])),
            ("accept the redo", lambda c: c.accept(by=who.secretary, at=t[2])),
            ("resolve the redo", lambda c: c.resolve(result=SOLVED, by=who.secretary, at=t[2])),
            ("rate the redo", lambda c: c.rate(rating=Satisfaction.UNSATISFIED, by=who.resident, at=t[2])),
            ("reopen up, a blank agency", lambda c: c.reopen(reason="再次重办", agency=" ", by=who.supervisor, at=t[3])),
            ("reopen up, the home agency", lambda c: c.reopen(reason="再次重办", by=who.supervisor, at=t[3])),
        ],
    )  # fmt: skip
    yield (
        "reopened up to a named agency",
        lambda: _opened(kangbashi, at),
        [
            *_to_the_agency(who, t)[:5],
            ("resolve at the community", lambda c: c.resolve(result=SOLVED, by=who.secretary, at=t[1])),
            ("rate", lambda c: c.rate(rating=Satisfaction.UNSATISFIED, by=who.resident, at=t[1])),
            ("reopen", lambda c: c.reopen(reason="重办", by=who.supervisor, at=t[1])),
            ("accept the redo", lambda c: c.accept(by=who.secretary, at=t[2])),
            ("resolve the redo", lambda c: c.resolve(result=SOLVED, by=who.secretary, at=t[2])),
            ("rate the redo", lambda c: c.rate(rating=Satisfaction.UNSATISFIED, by=who.resident, at=t[2])),
            ("reopen up, to agency-1", lambda c: c.reopen(reason="再次重办", agency="agency-1", by=who.supervisor, at=t[3])),
        ],
    )  # fmt: skip
    # December 2026: the agency's deadline is the end of the last day the notices cover
    # (Thursday 12-24), and an extension runs into days known only by law: the new
    # deadline is provisional, the old one was not.
    december = dt.datetime(2026, 12, 17, 10, 0, tzinfo=at.tzinfo)
    d = [december + n * H for n in range(10)]
    yield (
        "an extension into provisional days",
        lambda: _opened(kangbashi, december),
        [
            *_to_the_agency(who, d),
            ("accept at the agency", lambda c: c.accept(by=who.centre, at=d[1])),
            ("extension", lambda c: c.request_extension(extension=DAYS2, reason="需要时间", by=who.centre, at=d[2])),
            ("approve", lambda c: c.approve_extension(by=who.supervisor, at=d[3])),
        ],
    )  # fmt: skip
    # The agency's deadline provisional from its acceptance (Monday 12-21 + 5 working
    # days), and extensions in natural days, which no calendar changes: the extended
    # deadline stays provisional because the one it extends was.
    agency = kangbashi.levels[-1]
    natural = attrs.evolve(
        kangbashi,
        levels=(
            *kangbashi.levels[:-1],
            attrs.evolve(agency, extension_limit=TimeLimit.natural_days(10)),
        ),
    )
    monday = dt.datetime(2026, 12, 21, 10, 0, tzinfo=at.tzinfo)
    m = [monday + n * H for n in range(10)]
    yield (
        "a natural-day extension of a provisional deadline",
        lambda: _opened(natural, monday),
        [
            *_to_the_agency(who, m),
            ("accept at the agency", lambda c: c.accept(by=who.centre, at=m[1])),
            ("extension", lambda c: c.request_extension(extension=TimeLimit.natural_days(2), reason="需要时间", by=who.centre, at=m[2])),
            ("approve", lambda c: c.approve_extension(by=who.supervisor, at=m[3])),
        ],
    )  # fmt: skip
    # A policy whose hotline enters at the agency level: the case must name its agency.
    hotline = attrs.evolve(
        kangbashi,
        intakes=tuple(
            Intake(channel=i.channel, level="agency") if i.channel is CaseChannel.HOTLINE else i
            for i in kangbashi.intakes
        ),
    )
    yield (
        "the hotline into the agency",
        lambda: _opened(kangbashi, at),
        [
            ("open, no home agency", lambda c: _opened(hotline, at, channel=CaseChannel.HOTLINE, by=who.supervisor, home_agency=None)),
            ("open", lambda c: _opened(hotline, at, channel=CaseChannel.HOTLINE, by=who.supervisor)),
        ],
    )  # fmt: skip


def _line(label: str, run: Callable[[], Any]) -> str:
    try:
        result = run()
    except WulianError as exc:
        return f"{label}: {type(exc).__name__}: {exc}"
    events = result.events[-1:] if isinstance(result, Case) else result
    return f"{label}: " + " ".join(to_json(event) for event in events)


def transcript() -> str:
    """The whole walk, one line a step."""
    lines = []
    case, who, at = case_example()
    for label, command in _open_refusals(who, at):
        lines.append(_line(label, lambda c=command: c(case)))
    case, who, at = case_example()
    for label, command in steps(who, at):
        lines.append(_line(label, lambda c=command: c(case)))
    for story, side in _side_roads(who, at):
        fresh, who, at = case_example()
        for label, command in side:
            lines.append(_line(f"{story}: {label}", lambda c=command, f=fresh: c(f)))
    for story, start, side in _more_roads(who, at):
        fresh = start()
        for label, command in side:
            lines.append(_line(f"{story}: {label}", lambda c=command, f=fresh: c(f)))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(transcript(), end="")
