"""A case's events: the record of truth, one frozen record per change.

Events are frozen, slotted and keyword-only; each carries the case id, the instant
``at`` (timezone-aware), the acting person ``by`` (:data:`SWEEP_ACTOR` for what the
clocks do on their own) and a stable wire tag ``kind``. They carry every instant a
command computed (each new deadline), so replaying them needs neither the policy's
clocks nor a calendar.

A deadline counted on days no State Council notice has fixed yet (the calendar's
statutory fallback) is *provisional*: the event that carries it says so
(``accept_provisional``, ``resolve_provisional``), and :class:`DeadlineReplanned` moves
it once the notice is added. These flags were added after events were first stored:
they are written only when true, so older JSON reads back unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Final

from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core.calendar import TimeLimit
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode

from .fields import flag as _flag
from .fields import later_unit as _later_unit
from .fields import optional_aware as _optional_aware
from .fields import optional_id as _optional_id
from .fields import units as _units
from .policy import EscalationPolicy
from .values import CaseCategory, CaseChannel, CaseClock, CaseResult, Satisfaction

__all__ = [
    "CASE_EVENTS",
    "SWEEP_ACTOR",
    "CaseAccepted",
    "CaseClosed",
    "CaseEscalated",
    "CaseEvent",
    "CaseOpened",
    "CaseParked",
    "CaseRated",
    "CaseReopened",
    "CaseResolved",
    "CaseReturned",
    "CaseSupervised",
    "CaseTransferred",
    "CaseUrged",
    "CaseWithdrawn",
    "DeadlineMissed",
    "DeadlineReplanned",
    "DeadlineWarned",
    "ExtensionApproved",
    "ExtensionRejected",
    "ExtensionRequested",
    "FeedbackGiven",
    "UnitAccepted",
    "UnitExcused",
    "UnitReported",
]

SWEEP_ACTOR: Final = "wulian:sweep"
"""The ``by`` of events the clocks record on their own: warnings, missed deadlines and the
escalations and supervision they trigger (:func:`~wulian_core.escalation.sweep`)."""

_text = _checks.text(max_length=500)
_summary = _checks.text(max_length=2000)
_note = _checks.text(max_length=500, allow_empty=True)


@frozen(kw_only=True)
class _Base:
    case: str = field(validator=_checks.identifier)
    at: dt.datetime = field(validator=_checks.aware_datetime)
    by: str = field(validator=_checks.identifier)


@frozen(kw_only=True)
class _Arrival(_Base):
    """An event that hands the case to a level (and agency) and starts its clocks."""

    level: str = field(validator=_checks.identifier)
    agency: str | None = field(default=None, validator=_optional_id)
    accept_due: dt.datetime = field(validator=_checks.aware_datetime)
    resolve_due: dt.datetime | None = field(default=None, validator=_optional_aware)
    accept_provisional: bool = _flag()
    resolve_provisional: bool = _flag()


@frozen(kw_only=True)
class CaseOpened(_Arrival):
    """A case was opened, by or for ``resident``, and reached its entry level.

    ``home_agency`` is the specialist agency that takes the case if it climbs to an agency
    level without being given one (the district's dispute-resolution centre).

    >>> CaseOpened.kind
    'case.opened'
    """

    kind: ClassVar[str] = "case.opened"
    resident: str = field(validator=_checks.identifier)
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))
    grid: str = field(validator=_checks.identifier)
    category: CaseCategory = field(validator=_checks.instance_of(CaseCategory))
    channel: CaseChannel = field(validator=_checks.instance_of(CaseChannel))
    summary: str = field(validator=_summary)
    home_agency: str | None = field(default=None, validator=_optional_id)
    policy: EscalationPolicy = field(validator=_checks.instance_of(EscalationPolicy))


@frozen(kw_only=True)
class CaseAccepted(_Base):
    """The level accepted the case (签收/受理); ``resolve_due`` is set when its 办结 clock starts now.

    >>> CaseAccepted.kind
    'case.accepted'
    """

    kind: ClassVar[str] = "case.accepted"
    resolve_due: dt.datetime | None = field(default=None, validator=_optional_aware)
    resolve_provisional: bool = _flag()


@frozen(kw_only=True)
class CaseReturned(_Arrival):
    """The level sent the case back (退回) to whoever sent it, with a reason.

    >>> CaseReturned.kind
    'case.returned'
    """

    kind: ClassVar[str] = "case.returned"
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class CaseEscalated(_Arrival):
    """The case went up a level (上报), by a handler or, when time ran out, by the clock.

    >>> CaseEscalated.kind
    'case.escalated'
    """

    kind: ClassVar[str] = "case.escalated"
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class CaseTransferred(_Arrival):
    """The agency transferred the case (转办) to a lead unit (``agency``), with co-units.

    >>> CaseTransferred.kind
    'case.transferred'
    """

    kind: ClassVar[str] = "case.transferred"
    co_units: tuple[str, ...] = field(default=(), converter=_checks.to_tuple, validator=_units)
    note: str = field(default="", validator=_note)
    # Each co-unit's 签收 deadline (the same for all: they are sent together); set with co-units.
    unit_accept_due: dt.datetime | None = field(
        default=None, validator=_optional_aware, metadata=_checks.LATER_FIELD
    )
    unit_accept_provisional: bool = _flag()

    def __attrs_post_init__(self) -> None:
        if (self.unit_accept_due is None) != (not self.co_units):
            raise InvalidValue(
                "CaseTransferred.unit_accept_due",
                self.unit_accept_due,
                "is set exactly when co_units names co-units",
            )


@frozen(kw_only=True)
class UnitAccepted(_Base):
    """A co-unit of the transfer accepted its part (签收); ``report_due`` is its 办结 deadline.

    >>> UnitAccepted.kind
    'case.unit_accepted'
    """

    kind: ClassVar[str] = "case.unit_accepted"
    unit: str = field(validator=_checks.identifier)
    report_due: dt.datetime = field(validator=_checks.aware_datetime)
    report_provisional: bool = _flag()


@frozen(kw_only=True)
class UnitReported(_Base):
    """A co-unit reported its part done (回单/反馈) to the lead and the centre.

    >>> UnitReported.kind
    'case.unit_reported'
    """

    kind: ClassVar[str] = "case.unit_reported"
    unit: str = field(validator=_checks.identifier)
    report: str = field(validator=_text)
    on_time: bool = field(validator=_checks.instance_of(bool))


@frozen(kw_only=True)
class UnitExcused(_Base):
    """The centre decided to go on without a co-unit's report, with a written reason.

    >>> UnitExcused.kind
    'case.unit_excused'
    """

    kind: ClassVar[str] = "case.unit_excused"
    unit: str = field(validator=_checks.identifier)
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class CaseResolved(_Base):
    """The level resolved the case (办结) with ``result``; ``on_time`` is before the 办结 deadline.

    >>> CaseResolved.kind
    'case.resolved'
    """

    kind: ClassVar[str] = "case.resolved"
    level: str = field(validator=_checks.identifier)
    result: CaseResult = field(validator=_checks.instance_of(CaseResult))
    on_time: bool = field(validator=_checks.instance_of(bool))


@frozen(kw_only=True)
class FeedbackGiven(_Base):
    """The handler told the resident how the case stands (反馈).

    >>> FeedbackGiven.kind
    'case.feedback_given'
    """

    kind: ClassVar[str] = "case.feedback_given"
    message: str = field(validator=_text)


@frozen(kw_only=True)
class CaseUrged(_Base):
    """A supervisor urged the handler (催办).

    >>> CaseUrged.kind
    'case.urged'
    """

    kind: ClassVar[str] = "case.urged"
    note: str = field(validator=_text)


@frozen(kw_only=True)
class CaseSupervised(_Base):
    """The case was put under supervision (督办), by a supervisor or by the clock.

    >>> CaseSupervised.kind
    'case.supervised'
    """

    kind: ClassVar[str] = "case.supervised"
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class ExtensionRequested(_Base):
    """The handler asked for more time (申请延期) before the 办结 deadline.

    >>> ExtensionRequested.kind
    'case.extension_requested'
    """

    kind: ClassVar[str] = "case.extension_requested"
    extension: TimeLimit = field(validator=_checks.instance_of(TimeLimit))
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class ExtensionApproved(_Base):
    """A supervisor approved the extension; ``resolve_due`` is the new 办结 deadline.

    >>> ExtensionApproved.kind
    'case.extension_approved'
    """

    kind: ClassVar[str] = "case.extension_approved"
    resolve_due: dt.datetime = field(validator=_checks.aware_datetime)
    resolve_provisional: bool = _flag()


@frozen(kw_only=True)
class ExtensionRejected(_Base):
    """A supervisor rejected the extension (驳回延期): the original deadline stands.

    >>> ExtensionRejected.kind
    'case.extension_rejected'
    """

    kind: ClassVar[str] = "case.extension_rejected"
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class CaseRated(_Base):
    """The resident rated the resolution (满意 / 基本满意 / 不满意), once per resolution.

    >>> CaseRated.kind
    'case.rated'
    """

    kind: ClassVar[str] = "case.rated"
    rating: Satisfaction = field(validator=_checks.instance_of(Satisfaction))
    comment: str = field(default="", validator=_note)


@frozen(kw_only=True)
class CaseReopened(_Arrival):
    """An unsatisfied rating judged reasonable sent the case back to be redone (重办).

    ``level`` is the level that redoes it: the same one, or the next when the policy's
    count of reopenings is reached.

    >>> CaseReopened.kind
    'case.reopened'
    """

    kind: ClassVar[str] = "case.reopened"
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class CaseWithdrawn(_Base):
    """The resident withdrew the case (撤回). Final.

    >>> CaseWithdrawn.kind
    'case.withdrawn'
    """

    kind: ClassVar[str] = "case.withdrawn"
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class CaseParked(_Base):
    """The top level parked the case (挂账) with a written reason: it cannot be solved now.

    >>> CaseParked.kind
    'case.parked'
    """

    kind: ClassVar[str] = "case.parked"
    reason: str = field(validator=_text)


@frozen(kw_only=True)
class CaseClosed(_Base):
    """The case was closed (结案). Final.

    >>> CaseClosed.kind
    'case.closed'
    """

    kind: ClassVar[str] = "case.closed"
    note: str = field(default="", validator=_note)


@frozen(kw_only=True)
class DeadlineWarned(_Base):
    """A deadline is near: ``warn_before`` of the policy is left on ``clock``.

    >>> DeadlineWarned.kind
    'case.deadline_warned'
    """

    kind: ClassVar[str] = "case.deadline_warned"
    clock: CaseClock = field(validator=_checks.instance_of(CaseClock))
    due: dt.datetime = field(validator=_checks.aware_datetime)
    unit: str | None = _later_unit()
    """The co-unit whose clock this is, or ``None`` for the case's own clocks."""


@frozen(kw_only=True)
class DeadlineMissed(_Base):
    """``clock`` ran out at ``due`` (超期) with the work not done; ``at`` is when it ran out.

    >>> DeadlineMissed.kind
    'case.deadline_missed'
    """

    kind: ClassVar[str] = "case.deadline_missed"
    clock: CaseClock = field(validator=_checks.instance_of(CaseClock))
    due: dt.datetime = field(validator=_checks.aware_datetime)
    unit: str | None = _later_unit()
    """The co-unit whose clock this is, or ``None`` for the case's own clocks."""


@frozen(kw_only=True)
class DeadlineReplanned(_Base):
    """A running clock's deadline moved from ``previous`` to ``due`` on a calendar with a new notice.

    Recorded by :meth:`~wulian_core.escalation.Case.replan` for a deadline that had
    counted provisional days (``provisional`` says whether it still does); a clock that
    had run out keeps its history and is not replanned.

    >>> DeadlineReplanned.kind
    'case.deadline_replanned'
    """

    kind: ClassVar[str] = "case.deadline_replanned"
    clock: CaseClock = field(validator=_checks.instance_of(CaseClock))
    previous: dt.datetime = field(validator=_checks.aware_datetime)
    due: dt.datetime = field(validator=_checks.aware_datetime)
    provisional: bool = field(default=False, validator=_checks.instance_of(bool))
    unit: str | None = _later_unit()
    """The co-unit whose clock moved, or ``None`` for the case's own clocks."""


CaseEvent = (
    CaseOpened
    | CaseAccepted
    | CaseReturned
    | CaseEscalated
    | CaseTransferred
    | UnitAccepted
    | UnitReported
    | UnitExcused
    | CaseResolved
    | FeedbackGiven
    | CaseUrged
    | CaseSupervised
    | ExtensionRequested
    | ExtensionApproved
    | ExtensionRejected
    | CaseRated
    | CaseReopened
    | CaseWithdrawn
    | CaseParked
    | CaseClosed
    | DeadlineWarned
    | DeadlineMissed
    | DeadlineReplanned
)
"""Any event of a case; a tagged union on the wire (``{"kind": "case.opened", ...}``)."""

CASE_EVENTS: Final[tuple[type[Any], ...]] = (
    CaseOpened,
    CaseAccepted,
    CaseReturned,
    CaseEscalated,
    CaseTransferred,
    UnitAccepted,
    UnitReported,
    UnitExcused,
    CaseResolved,
    FeedbackGiven,
    CaseUrged,
    CaseSupervised,
    ExtensionRequested,
    ExtensionApproved,
    ExtensionRejected,
    CaseRated,
    CaseReopened,
    CaseWithdrawn,
    CaseParked,
    CaseClosed,
    DeadlineWarned,
    DeadlineMissed,
    DeadlineReplanned,
)
"""Every event type of a case, in the order of :data:`CaseEvent`."""
