"""A quarter of volunteering simulated over a directory: activities, sign-ups, attendance, needs.

For demos and reports: every community organises one activity a month (on the 10th, its
first organization when it has one, else the community itself), its residents sign up,
most attend and are certified, now and then an activity is cancelled; residents raise
needs that are matched to what the community's organizations offer. Seeded, so the same
seed gives the same quarter; it reads no clock and does no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from attrs import field

from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.calendar import SHANGHAI
from wulian_core.directory import Directory
from wulian_core.errors import InvalidValue
from wulian_core.model import ServiceArea
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

from . import checks
from .activity import CommunityActivity
from .figures import CommunityNeeds, MonthVolunteering, months_of, needs_by_community
from .matching import Match, Matcher
from .needs import Need, NeedCategory, ProviderKind, Supply, Urgency
from .outcomes import AREA_OF_CATEGORY
from .records import VolunteeringRecords
from .values import Organiser, ParticipantKind

if TYPE_CHECKING:
    import random

__all__ = ["QuarterVolunteering", "simulate_quarter"]

_AREAS = list(ServiceArea)
_CATEGORIES = list(NeedCategory)


@frozen(kw_only=True, field_transformer=typed)
class QuarterVolunteering:
    """What a simulated quarter produced: the activities, the needs and their matches.

    >>> from wulian_core.examples import volunteering_quarter as quarter
    >>> q = quarter()
    >>> len(q.activities), len(q.needs) == len(q.matches)
    (6, True)
    """

    activities: tuple[CommunityActivity, ...]
    needs: tuple[Need, ...]
    matches: tuple[Match | None, ...]
    met: Mapping[str, dt.datetime] = field(factory=lambda: MappingProxyType({}))

    def records(self) -> VolunteeringRecords:
        """The quarter as :class:`VolunteeringRecords`, with the matched needs met."""
        return VolunteeringRecords(activities=self.activities, needs=self.needs, met=self.met)

    def months(self) -> tuple[MonthVolunteering, ...]:
        """Activities per month by service area, and sign-ups against attendance."""
        return months_of(self.activities)

    def needs_by_community(self) -> tuple[CommunityNeeds, ...]:
        """Needs raised, met and open, per community (every community with an activity)."""
        held = {a.opening.community for a in self.activities}
        return needs_by_community(self.needs, self.met, communities=held)


def _worker(code: RegionCode) -> Actor:
    return Actor(f"worker-{code}", {Grant(Role.COMMUNITY_WORKER, Scope.region(code))})


def simulate_quarter(
    directory: Directory, *, seed: int, start: dt.date, within: RegionCode | None = None
) -> QuarterVolunteering:
    """Simulate the three months from ``start`` (a first of a month) in every community
    (of ``within``, a district say, when given).

    >>> from wulian_core.examples import volunteering_quarter as quarter
    >>> q = quarter()
    >>> [(len(a.confirmed), len(a.certified)) for a in q.activities[:3]]
    [(1, 1), (3, 3), (2, 1)]
    >>> len(q.records().activities_held(dt.date(2024, 4, 1), dt.date(2024, 6, 30)))
    3
    """
    if not isinstance(directory, Directory):
        raise InvalidValue("simulate_quarter.directory", directory, "must be a Directory")
    if type(seed) is not int:
        raise InvalidValue("simulate_quarter.seed", seed, "must be an integer")
    if type(start) is not dt.date or start.day != 1:
        raise InvalidValue("simulate_quarter.start", start, "must be the first day of a month")
    if not 1900 <= start.year <= 8999:  # its activities' instants are checked commands' `at`
        raise InvalidValue("simulate_quarter.start", start, "must fall in the years 1900 to 8999")
    if within is not None and not isinstance(within, RegionCode):
        raise InvalidValue("simulate_quarter.within", within, "must be a RegionCode or None")
    import random  # on the first simulated quarter: loading it costs a millisecond at import

    rng = random.Random(seed)
    activities: list[CommunityActivity] = []
    needs: list[Need] = []
    supplies: list[Supply] = []
    for region in (
        directory.communities() if within is None else directory.communities(within=within)
    ):
        code = region.code
        worker = _worker(code)
        people = [r.person for r in directory.residents_of(code)]
        for month in range(3):
            year, index = divmod(start.month - 1 + month, 12)
            day = dt.date(start.year + year, index + 1, 10)
            activities.append(_activity(code, day, worker, people, rng))
        opened = dt.datetime.combine(start, dt.time(8), tzinfo=SHANGHAI)
        for org in directory.organizations_of(code):
            supplies.append(
                Supply(
                    id=f"supply-{org.id}",
                    provider=org.id,
                    kind=ProviderKind.ORGANIZATION,
                    categories=set(rng.sample(_CATEGORIES, 2)),
                    community=code,
                    starts=opened,
                    ends=opened + dt.timedelta(days=90),
                    capacity=rng.randint(1, 4),
                )
            )
        for n in range(rng.randint(0, 6) if people else 0):
            raised = opened + dt.timedelta(days=rng.randrange(80), hours=rng.randrange(10))
            needs.append(
                Need(
                    id=f"need-{code}-{n}",
                    resident=rng.choice(people),
                    category=rng.choice(_CATEGORIES),
                    community=code,
                    starts=raised,
                    ends=raised + dt.timedelta(days=7),
                    raised_at=raised,
                    urgency=rng.choice(list(Urgency)),
                )
            )
    matches = Matcher(supplies).assign_all(needs)
    met = {m.need: m.candidate.starts for m in matches if m is not None}
    return QuarterVolunteering(
        activities=tuple(activities), needs=tuple(needs), matches=matches, met=MappingProxyType(met)
    )


def _activity(
    code: RegionCode, day: dt.date, worker: Actor, people: list[str], rng: random.Random
) -> CommunityActivity:
    starts = dt.datetime.combine(day, dt.time(9), tzinfo=SHANGHAI)
    opened = starts - dt.timedelta(days=7)
    category = rng.choice(_CATEGORIES)
    act = CommunityActivity.open(
        id=checks.ident_of(f"act-{code}-{day:%Y%m}", "simulate_quarter.id"),
        organiser=Organiser.of_community(code),
        title=f"{category.label_zh}志愿服务",
        community=code,
        place="社区活动中心",
        area=AREA_OF_CATEGORY[category] if rng.random() < 0.7 else rng.choice(_AREAS),
        starts=starts,
        ends=starts + dt.timedelta(hours=2),
        capacity=10,
        joint=rng.random() < 0.5,
        by=worker,
        at=opened,
    )
    signing = rng.sample(people, min(len(people), rng.randint(0, 14)))
    for person in signing:
        role = ParticipantKind.VOLUNTEER if rng.random() < 0.6 else ParticipantKind.RESIDENT
        act.sign_up(person=person, role=role, by=Actor(person), at=opened)
    if rng.random() < 0.05:
        act.cancel(reason="天气原因", by=worker, at=opened + dt.timedelta(days=1))
        return act
    attending = [p for p in act.confirmed if rng.random() < 0.8]
    for person in attending:
        act.check_in(person=person, by=Actor(person), at=starts)
    ends = act.opening.ends
    for person in attending:
        act.check_out(person=person, by=Actor(person), at=ends)
    for person in attending:
        act.certify(person=person, by=worker, at=ends)
    return act
