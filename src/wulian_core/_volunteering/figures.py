"""A quarter's volunteering in figures: activities per month by service area, sign-up
against attendance, and needs met and open per community.

What the demo prints and the quarterly report shows; counted from the activities' events
and the needs, so the same records give the same figures wherever they were loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from attrs import field

from wulian_core._checks import arg_count
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import InvalidValue
from wulian_core.model import ServiceArea
from wulian_core.regions import RegionCode

from .activity import CommunityActivity
from .events import CheckedIn, Place, SignedUp
from .needs import Need
from .state import ActivityStatus

__all__ = ["CommunityNeeds", "MonthVolunteering", "months_of", "needs_by_community"]


def _frozen_map(value: Mapping[ServiceArea, int]) -> Mapping[ServiceArea, int]:
    # Checked here, not by a validator: the converter runs first, and dict() of a
    # number or a string would fail with a bare error.
    if not isinstance(value, Mapping):
        raise InvalidValue("MonthVolunteering.held", value, "must be a mapping of area to count")
    for area, held in value.items():
        if not isinstance(area, ServiceArea):
            raise InvalidValue("MonthVolunteering.held", area, "must have ServiceArea keys")
        arg_count(held, f"MonthVolunteering.held[{area.value}]")
    return MappingProxyType(dict(value))


@frozen(kw_only=True, field_transformer=typed)
class MonthVolunteering:
    """One month's activities (by the month they start in, Asia/Shanghai).

    ``held`` counts the activities held, by service area (held: not cancelled, and at
    least one attendance certified); ``cancelled`` and ``not_held`` (nobody certified)
    the others. ``signed_up`` counts sign-ups (报名), ``waitlisted`` those of them put on
    the waitlist, ``attended`` check-ins (签到) and ``certified_minutes`` the minutes the
    organisers certified.

    >>> from wulian_core.examples import volunteering_quarter as quarter
    >>> m = quarter().months()[0]
    >>> m.month, m.signed_up >= m.attended, sum(m.held.values()) + m.cancelled + m.not_held
    (datetime.date(2024, 4, 1), True, 2)
    """

    month: dt.date
    held: Mapping[ServiceArea, int] = field(converter=_frozen_map)
    cancelled: int
    not_held: int
    signed_up: int
    waitlisted: int
    attended: int
    certified_minutes: int

    @property
    def activities(self) -> int:
        """Every activity that starts in the month, held or not."""
        return sum(self.held.values()) + self.cancelled + self.not_held


@frozen(kw_only=True, field_transformer=typed)
class CommunityNeeds:
    """A community's needs (需求) in the quarter: how many were raised, met and left open.

    >>> from wulian_core.examples import volunteering_quarter as quarter
    >>> [(n.raised, n.met + n.open) for n in quarter().needs_by_community()][:1]
    [(4, 4)]
    """

    community: RegionCode
    raised: int
    met: int

    @property
    def open(self) -> int:
        """The needs no supply met (still open at the quarter's end)."""
        return self.raised - self.met


def _month(instant: dt.datetime) -> dt.date:
    return instant.astimezone(SHANGHAI).date().replace(day=1)


def months_of(activities: Iterable[CommunityActivity]) -> tuple[MonthVolunteering, ...]:
    """The months the activities start in, oldest first, each with its figures.

    >>> from wulian_core.examples import volunteering_quarter as quarter
    >>> [m.month.month for m in months_of(quarter().activities)]
    [4, 5, 6]
    """
    found: dict[dt.date, dict[str, int]] = {}
    areas: dict[dt.date, dict[ServiceArea, int]] = {}
    for act in activities:
        month = _month(act.opening.starts)
        row = found.setdefault(month, dict.fromkeys(_COUNTS, 0))
        held = areas.setdefault(month, {})
        if act.status is ActivityStatus.CANCELLED:
            row["cancelled"] += 1
        elif act.held_record() is None:
            row["not_held"] += 1
        else:
            held[act.opening.area] = held.get(act.opening.area, 0) + 1
        for event in act.events:
            if isinstance(event, SignedUp):
                row["signed_up"] += 1
                row["waitlisted"] += event.place is Place.WAITLISTED
            elif isinstance(event, CheckedIn):
                row["attended"] += 1
        row["certified_minutes"] += sum(act.certified.values())
    return tuple(
        MonthVolunteering(
            month=month,
            held={area: areas[month][area] for area in ServiceArea if area in areas[month]},
            **found[month],
        )
        for month in sorted(found)
    )


_COUNTS = ("cancelled", "not_held", "signed_up", "waitlisted", "attended", "certified_minutes")


def needs_by_community(
    needs: Iterable[Need], met: Mapping[str, object], *, communities: Iterable[RegionCode] = ()
) -> tuple[CommunityNeeds, ...]:
    """Needs raised, met (their id in ``met``) and open, per community, in code order.

    ``communities`` are listed too when they raised none (with zeros), so that a table of
    them shows every community, not only those with needs.

    >>> from wulian_core.examples import volunteering_quarter as quarter
    >>> q = quarter()
    >>> sum(n.met for n in needs_by_community(q.needs, q.met)) == len(q.met)
    True
    """
    raised: dict[RegionCode, list[int]] = {code: [0, 0] for code in communities}
    for need in needs:
        row = raised.setdefault(need.community, [0, 0])
        row[0] += 1
        row[1] += need.id in met
    return tuple(
        CommunityNeeds(community=code, raised=n, met=m) for code, (n, m) in sorted(raised.items())
    )
