"""A per-community date index of a directory, built once, so that as-of counts are bisects.

Evaluating on a date used to pass over every organization and every activity of the
directory, once per evaluation (and twice for organizations: all of them, and those of
a filter). The index sorts each community's organizations by founding date, once per
directory, in flat lists with one segment per community; a count on a date is then one
bisection per community, done by ``map`` in C. Activities become one bit per calendar
month per community, so that any window of whole months is a shift and a mask, and the
joint ones each community's months, sorted, one run a community, counted in a window
by two bisections of the run.

The directory is frozen and its fields are tuples, so an index built for it never goes
stale. It is kept beside the directory, keyed by identity, and dropped with it; a
directory pickled to another process builds its own there.
"""

from __future__ import annotations

import datetime as dt
import weakref
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, compress, repeat
from operator import add, and_, attrgetter, lshift, lt, or_, rshift, sub
from typing import Any

from wulian_core.directory import Activities, Directory, Organizations
from wulian_core.model import OrganizationCategory, Region, Registration
from wulian_core.regions import RegionLevel

from ._base import OrganizationFilter

__all__ = ["DateIndex", "date_index"]

_FROM_ORDINAL = dt.date.fromordinal
_CATEGORY_CODE = {c._value_: i << 1 for i, c in enumerate(OrganizationCategory)}
_REGISTRATION_CODE = {r._value_: i for i, r in enumerate(Registration)}
_BITS_SPAN = 1200  # months (a century) of activities: beyond, a community's masks bit by bit
_CODE = attrgetter("code")
_COMMUNITY_DIGITS = RegionLevel.COMMUNITY.digits
# Per level, a table that maps its codes' length to 1 and every other to 0.
_OF_LENGTH = {
    level.digits: bytes(int(i == level.digits) for i in range(256)) for level in RegionLevel
}


# Each entry of a segment list is one int: the community's position, the date's ordinal
# and the organization's category and registration, packed so that sorting the ints
# sorts by community, then date. Ints are not tracked by the garbage collector: a
# province's worth of tuples would wake it, and each collection walks the directory.
_DAY_BITS = 22  # ordinals up to 9999-12-31 (3,652,059) fit in 22 bits
_CLASS_BITS = 4  # 3 bits of category, 1 of registration
_CLASS_MASK = (1 << _CLASS_BITS) - 1
_DAY_MASK = (1 << _DAY_BITS) - 1
_OWNER_SHIFT = _DAY_BITS + _CLASS_BITS


class _Segments:
    """Sorted ordinals in one flat list, one segment per community, and their classes."""

    __slots__ = ("classes", "days", "owners")

    def __init__(self, packed: list[int]) -> None:
        packed.sort()
        self.owners: list[int] = list(map(rshift, packed, repeat(_OWNER_SHIFT)))
        self.days: list[int] = list(
            map(and_, map(rshift, packed, repeat(_CLASS_BITS)), repeat(_DAY_MASK))
        )
        self.classes: list[int] = list(map(and_, packed, repeat(_CLASS_MASK)))


class _Counted:
    """One filter's ordinals, with where each community's segment starts (``len + 1``)."""

    __slots__ = ("days", "first", "last", "starts")

    def __init__(self, days: list[int], owners: Sequence[int], communities: int) -> None:
        self.days = days
        self.starts: list[int] = list(map(bisect_left, repeat(owners), range(communities + 1)))
        self.first = min(days) if days else None
        self.last = max(days) if days else None

    def on_or_before(self, day: int, lo: int, hi: int, *, strict: bool = False) -> list[int]:
        """Per community ``lo`` to ``hi``: entries on or before ordinal ``day`` (before, if strict)."""
        starts = self.starts[lo:hi]
        ends = self.starts[lo + 1 : hi + 1]
        last = self.last
        if last is None:
            return [0] * (hi - lo)
        if last < day or (last == day and not strict):  # every entry counts
            return list(map(sub, ends, starts))
        find = bisect_left if strict else bisect_right
        cut = map(find, repeat(self.days), repeat(day), starts, ends)
        return list(map(sub, cut, starts))


class DateIndex:
    """A directory's organizations and activities by community, sorted by date.

    >>> import datetime as dt
    >>> from wulian_core import synth
    >>> directory = synth.kangbashi()
    >>> index = date_index(directory)
    >>> index is date_index(directory), index is date_index(synth.kangbashi())
    (True, False)
    >>> counts = index.organization_counts(OrganizationFilter(), dt.date(2023, 12, 31))
    >>> counts[synth.YUEHE] > 0
    True
    """

    __slots__ = (
        "_alive",
        "_counted",
        "_dissolved",
        "_months",
        "codes",
        "directory_ref",
        "kept",
        "levels",
    )

    def __init__(self, directory: Directory) -> None:
        self.directory_ref = weakref.ref(directory)
        self.levels = _levels(directory.regions)
        self.codes: list[str] = list(map(_CODE, self.levels[_COMMUNITY_DIGITS]))
        self._counted: dict[tuple[OrganizationFilter, bool], _Counted] = {}
        self._alive: _Segments | None = None
        self._dissolved: _Segments | None = None
        self._months: _Months | None = None
        self.kept: dict[Any, Any] = {}  # what evaluations select once per directory

    def span(self, within: str | None) -> tuple[int, int]:
        """The positions of the communities inside ``within`` (all of them for ``None``)."""
        if within is None:
            return 0, len(self.codes)
        return bisect_left(self.codes, within), bisect_left(self.codes, within + ":")

    # -- organizations -----------------------------------------------------------------

    def _organizations(self) -> tuple[_Segments, _Segments]:
        if self._alive is None or self._dissolved is None:
            orgs = self._columns()
            position = {code: i for i, code in enumerate(self.codes)}
            # The directory's organizations are columns: a community is a number into
            # their own table of codes, a category and a registration a number each.
            owner_of = [position[code] << _OWNER_SHIFT for code in orgs.codes]
            head = list(map(owner_of.__getitem__, orgs.column("community_number")))
            classes = list(
                map(
                    or_,
                    map(lshift, orgs.column("category_number"), repeat(1)),
                    orgs.column("registration_number"),
                )
            )
            self._alive = _Segments(_packed(head, orgs.column("established_ordinal"), classes))
            dissolved = orgs.column("dissolved_ordinal")
            ended = list(map(bool, dissolved))
            self._dissolved = _Segments(
                _packed(
                    list(compress(head, ended)),
                    compress(dissolved, ended),
                    list(compress(classes, ended)),
                )
            )
        return self._alive, self._dissolved

    def _columns(self) -> Organizations:
        directory = self.directory_ref()
        assert directory is not None  # whoever asked for the index holds the directory
        return directory.organizations

    def _bounds(self) -> tuple[dt.date, dt.date | None]:
        """The latest founding and the earliest dissolution: outside them, no bisection."""
        found = self.kept.get("bounds")
        if found is None:
            orgs = self._columns()
            latest = max(orgs.column("established_ordinal"), default=0)
            first_gone = min(filter(None, orgs.column("dissolved_ordinal")), default=0)
            found = self.kept["bounds"] = (
                dt.date.fromordinal(latest) if latest else dt.date.min,
                dt.date.fromordinal(first_gone) if first_gone else None,
            )
        bounds: tuple[dt.date, dt.date | None] = found
        return bounds

    def _lifetime(self, which: OrganizationFilter) -> dict[str, int]:
        """Every organization passing ``which``, per community, whatever its dates."""
        key = ("lifetime", which)
        found: dict[str, int] | None = self.kept.get(key)
        if found is None:
            # One count a community's run of rows, not a pass over every organization.
            counts = self._columns().counts_by_community(which.categories, which.registrations)
            found = self.kept[key] = Counter(counts)  # a community with none reads as 0
        return found

    def _counted_for(self, which: OrganizationFilter, dissolved: bool) -> _Counted:
        key = (which, dissolved)
        found = self._counted.get(key)
        if found is None:
            segments = self._organizations()[1 if dissolved else 0]
            if which.is_everything:
                days, owners = segments.days, segments.owners
            else:
                allowed = _classes_of(which)
                mask = list(map(allowed.__contains__, segments.classes))
                days = list(compress(segments.days, mask))
                owners = list(compress(segments.owners, mask))
            found = self._counted[key] = _Counted(days, owners, len(self.codes))
        return found

    def organization_counts(
        self, which: OrganizationFilter, day: dt.date, within: str | None = None
    ) -> dict[str, int]:
        """Organizations passing ``which`` that exist on ``day``, per community inside ``within``."""
        latest, first_gone = self._bounds()
        if latest <= day and (first_gone is None or day <= first_gone):
            # Every organization founded and none dissolved yet: no dates to look at.
            counts = self._lifetime(which)
            if within is None:
                return counts
            return {c: n for c, n in counts.items() if c.startswith(within)}
        lo, hi = self.span(within)
        ordinal = day.toordinal()
        founded = self._counted_for(which, False).on_or_before(ordinal, lo, hi)
        # Dissolved before the day: gone. (Founded on or before it, since dissolution
        # never precedes founding, so already in ``founded``.)
        gone = self._counted_for(which, True)
        if gone.first is not None and gone.first < ordinal:
            founded = list(map(sub, founded, gone.on_or_before(ordinal, lo, hi, strict=True)))
        return dict(zip(self.codes[lo:hi], founded, strict=True))

    # -- activities ----------------------------------------------------------------------

    def _activities(self) -> _Months:
        """The activities by community and month, made on first use (:class:`_Months`)."""
        if self._months is None:
            directory = self.directory_ref()
            assert directory is not None  # whoever asked for the index holds the directory
            self._months = _Months(directory.activities, self.codes)
        return self._months

    def activity_months(
        self, first: dt.date, months: int, within: str | None = None
    ) -> dict[str, int]:
        """Per community: bit ``i`` set when month ``i`` from ``first``'s had an activity."""
        made = self._activities()
        lo, hi = self.span(within)
        shift = first.year * 12 + first.month - 1 - made.base
        full = (1 << months) - 1
        chosen = made.masks[lo:hi]
        window: Iterable[int]
        if shift >= 0:
            window = map(and_, map(rshift, chosen, repeat(shift)), repeat(full))
        else:  # the window starts before the first activity: its first months are empty
            window = (m << -shift & full for m in chosen)
        return dict(zip(self.codes[lo:hi], window, strict=True))

    def joint_activities(
        self, first: dt.date, months: int, within: str | None = None
    ) -> dict[str, int]:
        """Per community: joint social-worker and volunteer activities in the ``months``
        whole months from ``first``'s."""
        made = self._activities()
        joint, span = made.joint, made.span
        lo, hi = self.span(within)
        start = first.year * 12 + first.month - 1 - made.base
        # The window cut to the months that have activities: a window that misses them
        # counts none, and one that reaches either end needs no bisection at that end.
        a, b = max(start, 0), min(start + months - 1, span - 1)
        if a > b or not joint:
            return dict.fromkeys(self.codes[lo:hi], 0)
        starts, ends = made.joint_from[lo:hi], made.joint_to[lo:hi]
        # A window reaching either end of the months takes that end of each run as it is.
        upto: Iterable[int] = ends
        if b < span - 1:
            upto = map(bisect_right, repeat(joint), repeat(b), starts, ends)
        before: Iterable[int] = starts
        if a > 0:
            before = map(bisect_left, repeat(joint), repeat(a), starts, ends)
        return dict(zip(self.codes[lo:hi], map(sub, upto, before), strict=True))


class _Months:
    """A directory's activities as one bit a community and month, and the months of its
    joint ones, for the communities of an index (``codes``) in their order.

    Months count from the first activity's, ``span`` of them to the last's. ``joint``
    holds each community's joint activities' months, sorted, one run a community in
    the index's order (``joint_from`` to ``joint_to``, empty for a community with none):
    windows are whole months, so a count of joint activities in a window is two
    bisections of a run, and no date needs keeping.
    """

    __slots__ = ("base", "joint", "joint_from", "joint_to", "masks", "span")

    def __init__(self, acts: Activities, codes: list[str]) -> None:
        # Each position's community number; a community with no activity gets the
        # number after the last, whose run is empty.
        numbers = acts.community_numbers(codes)
        # The columns, read community by community (a run each): ordinals and joint flags.
        starts, order = acts.runs()
        ends = starts[1:]
        ordinals: Sequence[int] = acts.column("on_ordinal")
        flags: bytes | bytearray = acts.column("joint")
        if order is not None:  # rows not in runs: read them in run order
            ordinals = array("i", map(ordinals.__getitem__, order))
            flags = bytes(map(flags.__getitem__, order))
        distinct = set(ordinals)
        self.base, self.span = 0, 1
        months: list[int] = []
        if distinct:
            earliest = _FROM_ORDINAL(min(distinct))
            latest = _FROM_ORDINAL(max(distinct))
            base = self.base = earliest.year * 12 + earliest.month - 1
            self.span = latest.year * 12 + latest.month - base
            month_of = {}
            for ordinal in distinct:
                day = _FROM_ORDINAL(ordinal)
                month_of[ordinal] = day.year * 12 + day.month - 1 - base
            # Within 21 years a month is a small int, which CPython shares: the list
            # then makes no object.
            months = list(map(month_of.__getitem__, ordinals))
        by_number = _run_masks(months, starts, ends, self.span)
        by_number.append(0)
        self.masks: list[int] = list(map(by_number.__getitem__, numbers))
        # The joint activities' months, each community's sorted, in the index's order.
        joint = list(compress(months, flags))
        del months
        counts = list(map(flags.count, repeat(1), starts, ends))
        counts.append(0)
        firsts = list(accumulate(counts, initial=0))  # where each number's run starts
        taken = list(map(counts.__getitem__, numbers))
        froms = list(map(firsts.__getitem__, numbers))
        runs = map(joint.__getitem__, map(slice, froms, map(add, froms, taken)))
        self.joint: list[int] = list(chain.from_iterable(map(sorted, runs)))
        self.joint_to: list[int] = list(accumulate(taken))
        self.joint_from: list[int] = [0, *self.joint_to[:-1]] if taken else []


def _run_masks(
    months: list[int], starts: Sequence[int], ends: Sequence[int], span: int
) -> list[int]:
    """Per run ``months[starts[k]:ends[k]]``, bit ``m`` set for each month ``m`` in it."""
    runs = map(months.__getitem__, map(slice, starts, ends))
    if span <= _BITS_SPAN:
        # All in C: each run's distinct months, their bits summed.
        bits = [1 << m for m in range(span)]
        return list(map(sum, map(map, repeat(bits.__getitem__), map(set, runs))))
    return [sum(1 << m for m in set(run)) for run in runs]  # dates over centuries


def _levels(regions: Sequence[Region]) -> dict[int, list[Region]]:
    """The regions of each level (by the digits of its codes), each level in code order."""
    codes = list(map(_CODE, regions))
    lengths = bytes(map(len, codes))
    levels: dict[int, list[Region]] = {}
    for level in RegionLevel:
        # The regions of one level, picked in C by their codes' lengths.
        chosen = lengths.translate(_OF_LENGTH[level.digits])
        found = list(compress(regions, chosen))
        got = list(compress(codes, chosen))
        if not all(map(lt, got, got[1:])):  # most often listed in order: no sort
            # Sorted by plain ``str`` keys, which list.sort compares in C; a code (a
            # ``str`` subclass) goes through its type's comparison, three times slower.
            keys = list(map(str, got))
            order = sorted(range(len(found)), key=keys.__getitem__)
            found = list(map(found.__getitem__, order))
        levels[level.digits] = found
    return levels


def _packed(head: list[int], ordinals: Iterable[int], classes: list[int]) -> list[int]:
    """Owner bits (already shifted), ordinals and classes, packed into one int each."""
    days = map(lshift, ordinals, repeat(_CLASS_BITS))
    return list(map(or_, map(or_, head, days), classes))


def _classes_of(which: OrganizationFilter) -> frozenset[int]:
    """The class codes (category and registration) that ``which`` admits."""
    categories = {_CATEGORY_CODE[c._value_] for c in which.categories} or set(
        _CATEGORY_CODE.values()
    )
    registrations = {_REGISTRATION_CODE[r._value_] for r in which.registrations} or set(
        _REGISTRATION_CODE.values()
    )
    return frozenset(c | r for c in categories for r in registrations)


# One index per live directory, by identity: a Directory hashes by value (every record),
# and a slotted frozen class has no room for a cache of its own.
_INDEXES: dict[int, DateIndex] = {}


def date_index(directory: Directory) -> DateIndex:
    """The date index of ``directory``, built on first use and kept while it lives."""
    key = id(directory)
    found = _INDEXES.get(key)
    if found is not None and found.directory_ref() is directory:
        return found
    found = _INDEXES[key] = DateIndex(directory)
    weakref.finalize(directory, _INDEXES.pop, key, None)
    return found
