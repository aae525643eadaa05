"""What evaluators read: the directory on a date, with aggregates built once per call.

A province has 20,000 communities and 200,000 organizations: asking the directory once
per community per target would be slow, so each aggregate here is one pass over the
records, made the first time an evaluator asks for it and kept for the rest of the
evaluation. A :class:`Context` lives for one :func:`~wulian_core.rules.evaluate` call.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import attrgetter, is_, itemgetter
from typing import Any

from dateutil.relativedelta import relativedelta

from wulian_core import _checks
from wulian_core.directory import Directory
from wulian_core.errors import InvalidValue, NotFound
from wulian_core.model import (
    CharityProjectKind,
    Region,
    RegionCode,
    Scope,
    SocialOrganization,
    Station,
    StationWorkKind,
)
from wulian_core.regions import RegionLevel

from ._base import OrganizationFilter, Subjects
from ._counting import ANCESTORS
from ._dated import date_index
from ._records import Training

__all__ = ["Context", "SubjectList", "window"]

MAX_MONTHS = 1200  # a window of a century: beyond any target a policy sets


def window(as_of: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The last ``months`` whole calendar months on or before ``as_of``, both ends inclusive.

    The month of ``as_of`` counts when ``as_of`` is its last day; otherwise the window
    ends with the month before, so a month is never judged before it is over.

    >>> window(dt.date(2023, 12, 31), 12)
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    >>> window(dt.date(2023, 6, 15), 3)
    (datetime.date(2023, 3, 1), datetime.date(2023, 5, 31))

    ``as_of`` falls in the years 1900 to 9000 and ``months`` is from 1 to 1200 (a
    century), so that the window is always made of real dates.
    """
    _checks.arg_date(as_of, "window.as_of")
    _checks.arg_count(months, "window.months", minimum=1, maximum=MAX_MONTHS)
    first_of_month = as_of.replace(day=1)
    month_end = first_of_month + relativedelta(months=1, days=-1)
    if as_of == month_end:
        last, last_month = as_of, first_of_month
    else:
        last, last_month = (
            first_of_month - dt.timedelta(days=1),
            first_of_month - relativedelta(months=1),
        )
    return last_month - relativedelta(months=months - 1), last


class SubjectList:
    """The regions a :class:`~wulian_core.rules.Subjects` selects, in code order."""

    __slots__ = ("codes", "regions")

    def __init__(self, regions: list[Region]) -> None:
        self.regions = tuple(regions)
        self.codes: tuple[RegionCode, ...] = tuple(map(_CODE, regions))

    def __len__(self) -> int:
        return len(self.regions)


class Context:
    """The directory on one date, for evaluators; aggregates are built on first use.

    A target kind of your own gets one in its ``measure`` function: read
    ``context.directory``, ``context.trainings`` and ``context.as_of``, and use
    :meth:`window` for periods.

    >>> from wulian_core import synth
    >>> context = Context(synth.kangbashi(), as_of=dt.date(2023, 12, 31))
    >>> context.window(12)
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    >>> len(context.organizations(synth.YUEHE)) > 0
    True
    """

    __slots__ = ("_cache", "as_of", "directory", "trainings", "within")

    def __init__(
        self,
        directory: Directory,
        *,
        as_of: dt.date,
        within: RegionCode | None = None,
        trainings: Iterable[Training] = (),
    ) -> None:
        if not isinstance(directory, Directory):
            raise InvalidValue("directory", directory, "must be a Directory")
        given: Any = trainings  # checked here because callers pass anything
        if isinstance(given, str | bytes) or not hasattr(given, "__iter__"):
            raise InvalidValue("trainings", given, "must be an iterable of Training")
        held = tuple(given)
        for training in held:
            if not isinstance(training, Training):
                raise InvalidValue("trainings", training, "must hold Training records only")
        _checks.arg_date(as_of, "as_of")
        if within is not None:
            if not isinstance(within, RegionCode):
                raise InvalidValue("within", within, "must be a RegionCode or None")
            try:
                directory.region(within)
            except NotFound:
                raise NotFound("region", within, argument="within") from None
        self.directory = directory
        self.as_of = as_of
        self.within = within
        self.trainings = held
        self._cache: dict[Any, Any] = {}

    def _cached(self, key: Any, build: Callable[[], Any]) -> Any:
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = build()
            return value

    def _kept(self, key: Any, build: Callable[[], Any]) -> Any:
        """Like :meth:`_cached`, for what does not depend on the date: kept with the
        directory's index, so that the next evaluation (another date, the same regions)
        selects no subjects again."""
        kept = date_index(self.directory).kept
        full = (self.within, key)
        try:
            return kept[full]
        except KeyError:
            value = kept[full] = build()
            return value

    # -- public helpers for evaluators -----------------------------------------------

    def window(self, months: int) -> tuple[dt.date, dt.date]:
        """The last ``months`` whole calendar months up to the date (see :func:`window`)."""
        found: tuple[dt.date, dt.date] = self._cached(
            ("window", months), lambda: window(self.as_of, months)
        )
        return found

    def organizations(self, code: RegionCode) -> tuple[SocialOrganization, ...]:
        """The organizations of a community, or of the communities in a region, on the date."""
        return self.directory.organizations_of(code, as_of=self.as_of)

    # -- subjects ----------------------------------------------------------------------

    def _by_level(self, digits: int) -> tuple[list[Region], list[str]]:
        """The regions with codes of ``digits`` digits inside ``within``, and their codes."""

        def build() -> tuple[list[Region], list[str]]:
            # The levels are the whole directory's, whatever ``within`` is: kept with the
            # index (not once per region asked about), sorted when made, never changed
            # after, so that evaluations in several threads may read them together.
            regions: list[Region] = date_index(self.directory).levels[digits]
            codes = list(map(_CODE, regions))
            if self.within is not None:
                regions = [r for r in regions if r.code.startswith(self.within)]
                codes = list(map(_CODE, regions))
            return regions, codes

        result: tuple[list[Region], list[str]] = self._kept(("level", digits), build)
        return result

    def _tag_roots(self, tag: str) -> list[str]:
        """The codes of the regions that carry ``tag`` themselves and lie inside no other
        that does, sorted."""

        def build() -> list[str]:
            tagged = sorted(r.code for r in self.directory.regions if tag in r.tags)
            # Only the outermost: a tagged region inside another selects nothing more.
            # Sorted, a region comes just before the regions inside it.
            roots: list[str] = []
            for code in tagged:
                if not roots or not code.startswith(roots[-1]):
                    roots.append(code)
            return roots

        roots: list[str] = self._kept(("tag_roots", tag), build)
        return roots

    def subjects(self, subjects: Subjects) -> SubjectList:
        """The regions ``subjects`` selects inside the evaluation's region, in code order."""

        def build() -> SubjectList:
            found, codes = self._by_level(subjects.level.digits)
            if subjects.tag is not None:
                # Codes sort so that a region and everything inside it form one run:
                # each tagged region selects a slice, found by bisection.
                spans = sorted(
                    (bisect_left(codes, root), bisect_left(codes, root + ":"))
                    for root in self._tag_roots(subjects.tag)
                    if len(root) <= len(codes[0] if codes else root)
                )
                chosen: list[Region] = []
                reached = 0
                for lo, hi in spans:
                    lo = max(lo, reached)
                    if lo < hi:
                        chosen.extend(found[lo:hi])
                        reached = hi
                found = chosen
            settlement, township_kind = subjects.settlement, subjects.township_kind
            # Picked in C: a region's kind read by an attribute getter, compared by identity.
            if settlement is not None:
                found = list(compress(found, map(is_, map(_SETTLEMENT, found), repeat(settlement))))
            if township_kind is not None:
                kinds = map(_TOWNSHIP_KIND, found)
                found = list(compress(found, map(is_, kinds, repeat(township_kind))))
            return SubjectList(found)

        result: SubjectList = self._kept(("subjects", subjects), build)
        return result

    def places(self, selected: Iterable[Subjects]) -> tuple[Region, ...]:
        """The regions strictly above the subjects ``selected``, in code order."""
        chosen = frozenset(selected)
        found: tuple[Region, ...] = self._kept(("places", chosen), lambda: self._places(chosen))
        return found

    def _places(self, selected: frozenset[Subjects]) -> tuple[Region, ...]:
        by_level: dict[int, list[Sequence[str]]] = {}
        for subjects in selected:
            by_level.setdefault(subjects.level.digits, []).append(self.subjects(subjects).codes)
        for subjects in selected:
            if subjects == Subjects(level=subjects.level):  # every region of its level
                by_level[subjects.level.digits] = [self._by_level(subjects.level.digits)[1]]
        nearest: set[str] = set()
        for digits, lists in by_level.items():
            ancestors = ANCESTORS[digits]
            if ancestors:
                parent = ancestors[0]
                head = itemgetter(slice(parent))  # a code's parent's code, cut in C
                for codes in lists:
                    nearest.update(map(head, codes))
        above = set(nearest)
        for code in nearest:
            above.update(code[:digits] for digits in ANCESTORS[len(code)])
        region = self.directory.region
        return tuple(region(RegionCode(code)) for code in sorted(above))

    # -- organizations -------------------------------------------------------------------

    def organization_counts(self, which: OrganizationFilter, level: RegionLevel) -> dict[str, int]:
        """Organizations passing ``which`` on the date, per region at ``level`` (by code)."""

        def build() -> dict[str, int]:
            index = date_index(self.directory)
            counts = index.organization_counts(which, self.as_of, self.within)
            return _sum_up(counts, level.digits)

        result: dict[str, int] = self._cached(("organizations", which, level), build)
        return result

    # -- stations ------------------------------------------------------------------------

    def stations(self) -> dict[str, list[Station]]:
        """The stations existing on the date, by the code of the region they serve."""

        def build() -> dict[str, list[Station]]:
            found: dict[str, list[Station]] = {}
            for station in self.directory.stations:
                if station.active_on(self.as_of):
                    found.setdefault(station.region, []).append(station)
            return found

        table: dict[str, list[Station]] = self._cached("stations", build)
        return table

    def stations_at(self, code: str) -> list[Station]:
        """The stations of exactly region ``code`` existing on the date."""
        return self.stations().get(code, [])

    def staff_of(self, code: str, roles: frozenset[Any]) -> set[str]:
        """The people posted in ``roles`` at region ``code``'s stations on the date."""
        people: set[str] = set()
        for station in self.stations_at(code):
            for post in self.directory.posts_of(Scope.station(station.id), as_of=self.as_of):
                if post.role in roles:
                    people.add(post.person)
        return people

    def work_of(self, code: str, months: int) -> set[StationWorkKind]:
        """The kinds of work region ``code``'s stations have on record in the window."""
        between = self.window(months)
        kinds: set[StationWorkKind] = set()
        for station in self.stations_at(code):
            kinds.update(
                w.kind for w in self.directory.station_work_of(station.id, between=between)
            )
        return kinds

    # -- activities ----------------------------------------------------------------------

    def _activities(self, months: int) -> tuple[dict[str, int], dict[str, int]]:
        """Per community: a bit per month of the window with an activity; joint ones."""

        def build() -> tuple[dict[str, int], dict[str, int]]:
            first, _ = self.window(months)
            index = date_index(self.directory)
            return (
                index.activity_months(first, months, self.within),
                index.joint_activities(first, months, self.within),
            )

        result: tuple[dict[str, int], dict[str, int]] = self._cached(("activities", months), build)
        return result

    def activity_months(self, months: int, level: RegionLevel) -> dict[str, int]:
        """Per region at ``level``: bit ``i`` set when month ``i`` of the window had one."""
        masks = self._activities(months)[0]
        if level is RegionLevel.COMMUNITY:
            return masks
        result: dict[str, int] = self._cached(
            ("activity_months", months, level), lambda: _or_up(masks, level.digits)
        )
        return result

    def joint_activities(self, months: int, level: RegionLevel) -> dict[str, int]:
        """Per region at ``level``: joint social-worker and volunteer activities."""
        joint = self._activities(months)[1]
        if level is RegionLevel.COMMUNITY:
            return joint
        result: dict[str, int] = self._cached(
            ("joint_activities", months, level), lambda: _sum_up(joint, level.digits)
        )
        return result

    # -- charity -------------------------------------------------------------------------

    def charity(self, funds: bool, kinds: frozenset[CharityProjectKind]) -> dict[str, int]:
        """Charity funds (or projects of ``kinds``, any if empty) on the date, per region."""

        def build() -> dict[str, int]:
            day = self.as_of
            counts: dict[str, int] = {}
            if funds:
                for fund in self.directory.charity_funds:
                    if fund.active_on(day):
                        counts[fund.region] = counts.get(fund.region, 0) + 1
            else:
                for project in self.directory.charity_projects:
                    if project.active_on(day) and (not kinds or project.kind in kinds):
                        counts[project.region] = counts.get(project.region, 0) + 1
            return counts

        result: dict[str, int] = self._cached(("charity", funds, kinds), build)
        return result

    def charity_inside(self, funds: bool, kinds: frozenset[CharityProjectKind]) -> dict[str, int]:
        """Like :meth:`charity`, each region counting those inside it too."""
        exact = self.charity(funds, kinds)
        result: dict[str, int] = self._cached(
            ("charity_inside", funds, kinds), lambda: _inside(exact)
        )
        return result


_CODE = attrgetter("code")
_SETTLEMENT, _TOWNSHIP_KIND = attrgetter("settlement"), attrgetter("township_kind")


def _sum_up(counts: dict[str, int], digits: int) -> dict[str, int]:
    """Counts per community summed into their regions at ``digits``."""
    if digits == 12:
        return counts
    total: dict[str, int] = {}
    for code, n in counts.items():
        key = code[:digits]
        total[key] = total.get(key, 0) + n
    return total


def _or_up(masks: dict[str, int], digits: int) -> dict[str, int]:
    merged: dict[str, int] = {}
    for code, mask in masks.items():
        key = code[:digits]
        merged[key] = merged.get(key, 0) | mask
    return merged


def _inside(exact: dict[str, int]) -> dict[str, int]:
    """Per region: its own records and those of every region inside it."""
    total: dict[str, int] = {}
    for code, n in exact.items():
        for digits in (len(code), *ANCESTORS[len(code)]):
            key = code[:digits]
            total[key] = total.get(key, 0) + n
    return total
