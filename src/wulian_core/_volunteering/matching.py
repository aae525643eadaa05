"""Matching needs to supplies (供需精准匹配): by category, area, time window and capacity.

A :class:`Matcher` indexes supplies by (grid, category), (community, category) and
(township, category), so a need looks only at offers that could serve it, nearest first:
the same grid, then the same community, then the township. It never proposes an offer
outside the area both sides allow (the nearer of the need's and the offer's reach) or
over its remaining capacity. Within one nearness, offers keep the order they were given
in, so "the first with capacity" is the answer a plain (community, category) index gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from attrs import field

from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import IntegrityError, InvalidValue, NotFound

from . import checks
from .needs import Need, NeedCategory, ProviderKind, Reach, Supply

__all__ = ["Candidate", "Match", "Matcher"]

_GRID, _COMMUNITY, _TOWNSHIP = Reach.GRID, Reach.COMMUNITY, Reach.TOWNSHIP
_RANK = {_GRID: 0, _COMMUNITY: 1, _TOWNSHIP: 2}


@frozen(kw_only=True, field_transformer=typed)
class Candidate:
    """An offer that fits a need: how near it is, when both can meet, what is left, and why.

    The fields are the reasons as data; :attr:`reasons` says them in words.

    >>> from wulian_core.examples import matcher_and_need
    >>> matcher, need = matcher_and_need()
    >>> best = matcher.candidates(need)[0]
    >>> best.supply, best.nearness.label_zh
    ('s-grid', '本网格')
    >>> best.reasons
    ('类别：助老', '范围：同网格 g-1', '时间：03-02 10:00–12:00', '余量：1')
    """

    supply: str = field(validator=checks.ident)
    provider: str = field(validator=checks.ident)
    kind: ProviderKind = field(validator=checks.instance_of(ProviderKind))
    category: NeedCategory = field(validator=checks.instance_of(NeedCategory))
    nearness: Reach = field(validator=checks.instance_of(Reach))
    area: str = field(validator=checks.ident)  # the grid, community or township shared
    starts: dt.datetime = field(validator=checks.aware)  # when need and offer overlap
    ends: dt.datetime = field(validator=checks.aware)
    remaining: int = field(validator=checks.whole(minimum=1))

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why this offer fits, in words: category, area, time, capacity left."""
        where = {Reach.GRID: "同网格", Reach.COMMUNITY: "同社区"}.get(
            self.nearness, "同街道（乡镇）"
        )
        start, end = self.starts.astimezone(SHANGHAI), self.ends.astimezone(SHANGHAI)
        return (
            f"类别：{self.category.label_zh}",
            f"范围：{where} {self.area}",
            f"时间：{start:%m-%d %H:%M}–{end:%H:%M}",
            f"余量：{self.remaining}",
        )


@frozen(kw_only=True, field_transformer=typed)
class Match:
    """A need given to an offer: one unit of the offer's capacity is taken.

    >>> from wulian_core.examples import matcher_and_need
    >>> matcher, need = matcher_and_need()
    >>> m = matcher.assign(need)
    >>> m.need, m.candidate.supply, matcher.remaining("s-grid")
    ('n-1', 's-grid', 0)
    """

    need: str = field(validator=checks.ident)
    candidate: Candidate = field(validator=checks.instance_of(Candidate))


class Matcher:
    """Supplies indexed for matching, with their remaining capacity.

    The matcher is the one mutable thing here: :meth:`assign` takes capacity. Build a new
    one (from the same supplies) to start over.

    >>> from wulian_core.examples import matcher_and_need
    >>> matcher, need = matcher_and_need()
    >>> [c.supply for c in matcher.candidates(need)]
    ['s-grid', 's-community', 's-township']
    >>> [m.candidate.supply for m in matcher.assign_all([need, need]) if m]
    ['s-grid', 's-community']
    """

    __slots__ = (
        "_by_community",
        "_by_grid",
        "_by_township",
        "_heads",
        "_ids",
        "_remaining",
        "_supplies",
    )

    def __init__(self, supplies: Iterable[Supply]) -> None:
        try:
            given = list(supplies)
        except TypeError:
            raise InvalidValue(
                "Matcher.supplies", supplies, "must be an iterable of Supply"
            ) from None
        self._supplies: list[Supply] = given
        self._remaining: list[int] = []
        self._ids: dict[str, int] = {}
        self._by_grid: dict[tuple[str, str, Any], list[int]] = {}
        self._by_community: dict[tuple[str, Any], list[int]] = {}
        self._by_township: dict[tuple[str, Any], list[int]] = {}
        self._heads: dict[Any, int] = {}
        problems = []
        # One loop with local names: building the index over a province's supplies is
        # most of what matching costs (see bench/bench_matching.py). Keys hold the
        # category's wire value, whose hash is a C-level string hash (an enum's is not).
        ids, remaining = self._ids, self._remaining
        by_grid, by_community, by_township = self._by_grid, self._by_community, self._by_township
        for n, supply in enumerate(given):
            if type(supply) is not Supply:
                raise InvalidValue(f"Matcher.supplies[{n}]", supply, "must be a Supply")
            key = supply.id
            if key in ids:
                problems.append(f"supply {key!r} is given twice")
                remaining.append(0)  # keeps positions aligned; never offered
                continue
            ids[key] = n
            remaining.append(supply.capacity)
            community, grid, reach = supply.community, supply.grid, supply.reach
            for category in supply.categories:
                value = category._value_
                if grid is not None:
                    by_grid.setdefault((community, grid, value), []).append(n)
                if reach is not _GRID:
                    by_community.setdefault((community, value), []).append(n)
                    if reach is _TOWNSHIP:
                        by_township.setdefault((community[:9], value), []).append(n)
        if problems:
            raise IntegrityError(problems)

    def _lists(self, need: Need) -> Iterator[tuple[Reach, Any, list[int]]]:
        limit = need.reach
        category = need.category._value_
        if need.grid is not None:
            key: Any = (need.community, need.grid, category)
            found = self._by_grid.get(key)
            if found:
                yield _GRID, key, found
        if limit is _GRID:
            return
        key = (need.community, category)
        found = self._by_community.get(key)
        if found:
            yield _COMMUNITY, key, found
        if limit is _TOWNSHIP:
            key = (need.community[:9], category)
            found = self._by_township.get(key)
            if found:
                yield _TOWNSHIP, key, found

    def _fits(self, need: Need, near: Reach, n: int) -> bool:
        supply = self._supplies[n]
        if near is _COMMUNITY and need.grid is not None and supply.grid == need.grid:
            return False  # seen at grid level already
        if near is _TOWNSHIP and supply.community == need.community:
            return False  # seen at community level already
        return need.starts < supply.ends and supply.starts < need.ends

    def _scan(self, need: Need) -> Iterator[tuple[Reach, int]]:
        remaining = self._remaining
        heads = self._heads
        for near, key, found in self._lists(need):
            start = heads.get(key, 0)
            # Offers used up at the front of a list stay used up: skip them for good.
            while start < len(found) and remaining[found[start]] == 0:
                start += 1
            if start:
                heads[key] = start
            for i in range(start, len(found)):
                n = found[i]
                if remaining[n] and self._fits(need, near, n):
                    yield near, n

    def _candidate(self, need: Need, near: Reach, n: int) -> Candidate:
        supply = self._supplies[n]
        if near is _GRID:
            area: str = need.grid  # type: ignore[assignment]  # a grid match has a grid
        else:
            area = need.community if near is _COMMUNITY else need.community[:9]
        return Candidate(
            supply=supply.id,
            provider=supply.provider,
            kind=supply.kind,
            category=need.category,
            nearness=near,
            area=area,
            starts=max(need.starts, supply.starts),
            ends=min(need.ends, supply.ends),
            remaining=self._remaining[n],
        )

    def candidates(self, need: Need, *, limit: int = 10) -> tuple[Candidate, ...]:
        """The offers that could take ``need`` now, nearest first, at most ``limit``."""
        if type(need) is not Need:
            raise InvalidValue("Matcher.candidates.need", need, "must be a Need")
        if type(limit) is not int or limit < 1:
            raise InvalidValue("Matcher.candidates.limit", limit, "must be a positive integer")
        found: list[Candidate] = []
        for near, n in self._scan(need):
            found.append(self._candidate(need, near, n))
            if len(found) == limit:
                break
        return tuple(found)

    def assign(self, need: Need) -> Match | None:
        """Give ``need`` to the best offer and take one unit of its capacity; ``None`` if none fits."""
        if type(need) is not Need:
            raise InvalidValue("Matcher.assign.need", need, "must be a Need")
        for near, n in self._scan(need):
            match = Match(need=need.id, candidate=self._candidate(need, near, n))
            self._remaining[n] -= 1
            return match
        return None

    def assign_all(self, needs: Iterable[Need]) -> tuple[Match | None, ...]:
        """Assign each need in turn, the most urgent first (then in the order given).

        The answers come back in the order of ``needs``.
        """
        given = list(needs)
        for n, need in enumerate(given):
            if type(need) is not Need:
                raise InvalidValue(f"Matcher.assign_all.needs[{n}]", need, "must be a Need")
        order = sorted(range(len(given)), key=lambda i: -given[i].urgency.rank)
        answers: list[Match | None] = [None] * len(given)
        for i in order:
            answers[i] = self.assign(given[i])
        return tuple(answers)

    def remaining(self, supply: str) -> int:
        """How much capacity the offer ``supply`` has left."""
        n = self._ids.get(supply) if type(supply) is str else None
        if n is None:
            raise NotFound("supply", supply)
        return self._remaining[n]

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"<Matcher of {len(self._ids)} supplies, {sum(self._remaining)} places left>"
