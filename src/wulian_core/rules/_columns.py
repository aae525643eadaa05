"""How a report stores its findings: one column of plain values per target.

A province evaluation has over 100,000 findings. Building a record for each would cost
more than the whole evaluation, so a report keeps, per target, tuples of subject codes,
measures and shortfalls, and builds :class:`~wulian_core.rules.Finding` records only
when asked. A status is never stored: it follows from the shortfall (zero exactly when
the comparison holds) and the denominator (zero means nothing to measure).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.regions import Region, RegionCode

from ._counting import ANCESTORS, Comparison, Share, Status, count_shortfall

__all__ = ["Column", "judge", "places_above", "tally"]


_MET, _NOT_MET, _UNDEFINED = Status.MET, Status.NOT_MET, Status.UNDEFINED


@frozen
class Column:
    """The findings of one target: parallel tuples, one entry per subject, in code order.

    ``details`` holds what a kind's words need beyond the numbers (a bit mask of months,
    the kinds of work missing); ``None`` when the kind needs nothing.
    """

    target: str
    applicable: bool
    subjects: tuple[RegionCode, ...] = ()
    regions: tuple[Region, ...] = ()
    numerators: tuple[int, ...] = ()
    denominators: tuple[int, ...] | None = None
    shortfalls: tuple[int, ...] = ()
    details: tuple[Any, ...] | None = None

    def __len__(self) -> int:
        return len(self.subjects)

    def span(self, within: str | None) -> tuple[int, int]:
        """The positions of the subjects inside ``within`` (itself included): one run."""
        if within is None:
            return 0, len(self.subjects)
        return bisect_left(self.subjects, within), bisect_left(self.subjects, within + ":")

    def status(self, i: int) -> Status:
        """The status of entry ``i``."""
        if self.denominators is not None and self.denominators[i] == 0:
            return _UNDEFINED
        return _MET if self.shortfalls[i] == 0 else _NOT_MET

    def statuses(self) -> list[Status]:
        """Every entry's status, in order."""
        if self.denominators is None:
            return [_MET if s == 0 else _NOT_MET for s in self.shortfalls]
        return [
            _UNDEFINED if d == 0 else (_MET if s == 0 else _NOT_MET)
            for s, d in zip(self.shortfalls, self.denominators, strict=True)
        ]

    def take(self, indices: Sequence[int]) -> Column:
        """The entries at ``indices``, in that order."""
        return Column(
            self.target,
            self.applicable,
            tuple(self.subjects[i] for i in indices),
            tuple(self.regions[i] for i in indices),
            tuple(self.numerators[i] for i in indices),
            None if self.denominators is None else tuple(self.denominators[i] for i in indices),
            tuple(self.shortfalls[i] for i in indices),
            None if self.details is None else tuple(self.details[i] for i in indices),
        )

    @classmethod
    def concat(cls, columns: Sequence[Column]) -> Column:
        """The entries of ``columns`` together, in code order; subjects must not repeat."""
        first = columns[0]
        subjects = [s for c in columns for s in c.subjects]
        order = sorted(range(len(subjects)), key=subjects.__getitem__)
        for a, b in pairwise(order):
            if subjects[a] == subjects[b]:
                raise InvalidValue(
                    "reports",
                    str(subjects[a]),
                    f"both hold target {first.target!r} for this subject; "
                    "only reports of disjoint regions merge",
                )

        def joined(name: str) -> list[Any] | None:
            parts = [getattr(c, name) for c in columns]
            if all(p is None for p in parts):
                return None
            return [
                v
                for c, p in zip(columns, parts, strict=True)
                for v in (p if p is not None else (None,) * len(c))
            ]

        whole = cls(
            first.target,
            any(c.applicable for c in columns),
            tuple(subjects),
            tuple(r for c in columns for r in c.regions),
            tuple(n for c in columns for n in c.numerators),
            _tuple_or_none(joined("denominators")),
            tuple(s for c in columns for s in c.shortfalls),
            _tuple_or_none(joined("details")),
        )
        return whole.take(order)


def _tuple_or_none(values: list[Any] | None) -> tuple[Any, ...] | None:
    return None if values is None else tuple(values)


def judge(
    numerators: Sequence[int],
    denominators: Sequence[int] | None,
    comparison: Comparison,
    threshold: int | Share,
) -> list[int]:
    """The shortfall of every entry: counts against an int, shares against a share."""
    if isinstance(threshold, Share):
        if denominators is None:
            raise InvalidValue("threshold", str(threshold), "a share needs a denominator")
        return _share_shortfalls(numerators, denominators, comparison, threshold)
    if denominators is not None:
        raise InvalidValue("threshold", threshold, "a share is measured against a Share")
    t = threshold
    if comparison is Comparison.AT_LEAST:
        return [t - n if n < t else 0 for n in numerators]
    return [count_shortfall(n, comparison, t) for n in numerators]


def _share_shortfalls(
    numerators: Sequence[int],
    denominators: Sequence[int],
    comparison: Comparison,
    share: Share,
) -> list[int]:
    # The arithmetic of share_shortfall, inlined: it runs once per community.
    p, q = share.numerator, share.denominator
    offset = {
        Comparison.AT_LEAST: 0,
        Comparison.MORE_THAN: 1,
        Comparison.AT_MOST: 0,
        Comparison.LESS_THAN: 1,
    }[comparison]
    # No tuple per entry: zip reuses its pair when it is unpacked at once, and a
    # province's worth of small tuples would wake the garbage collector.
    if comparison.wants_more:
        needs = [p * d - n * q + offset for n, d in zip(numerators, denominators, strict=True)]
        step = q - p
        if step:
            return [0 if g <= 0 else -(-g // step) for g in needs]
        # A floor of 100 %: members outside the part must change, adding cannot help.
        return [
            0 if g <= 0 else d - n for g, n, d in zip(needs, numerators, denominators, strict=True)
        ]
    needs = [n * q - p * d + offset for n, d in zip(numerators, denominators, strict=True)]
    if p:
        return [0 if g <= 0 else -(-g // p) for g in needs]
    return [0 if g <= 0 else n for g, n in zip(needs, numerators, strict=True)]


def tally(column: Column) -> dict[str, list[int]]:
    """Met, not met and undefined per region above the column's subjects."""
    counts: dict[str, list[int]] = {}
    index = {Status.MET: 0, Status.NOT_MET: 1, Status.UNDEFINED: 2}
    digits = len(column.subjects[0])
    ancestors = ANCESTORS[digits]
    if not ancestors:
        return counts
    # Every subject of a column has one level: count at the level just above, then
    # carry those counts further up, instead of slicing every code once per level.
    nearest = ancestors[0]
    for code, status in zip(column.subjects, column.statuses(), strict=True):
        key = code[:nearest]
        row = counts.get(key)
        if row is None:
            row = counts[key] = [0, 0, 0]
        row[index[status]] += 1
    for higher in ancestors[1:]:
        for key, row in list(counts.items()):
            if len(key) == nearest:
                up = counts.setdefault(key[:higher], [0, 0, 0])
                for n in range(3):
                    up[n] += row[n]
    return counts


def places_above(places: tuple[Region, ...], columns: tuple[Column, ...]) -> tuple[Region, ...]:
    wanted: set[str] = set()
    for column in columns:
        if column.subjects:
            for digits in ANCESTORS[len(column.subjects[0])]:
                wanted.update(c[:digits] for c in column.subjects)
    return tuple(r for r in places if r.code in wanted)
