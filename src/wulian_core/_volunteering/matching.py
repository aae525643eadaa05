"""Matching needs to supplies (供需精准匹配): by category, area, time window and capacity.

A :class:`Matcher` indexes supplies by (grid, category), (community, category) and
(township, category), so a need looks only at offers that could serve it, nearest first:
the same grid, then the same community, then the township. It never proposes an offer
outside the area both sides allow (the nearer of the need's and the offer's reach) or
over its remaining capacity. Within one nearness, offers keep the order they were given
in, so "the first with capacity" is the answer a plain (community, category) index gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from attrs import field, frozen

from wulian_core.errors import IntegrityError, InvalidValue, NotFound

from . import checks
from .needs import Need, ProviderKind, Reach, Supply

__all__ = ["Candidate", "Match", "Matcher"]

_GRID, _COMMUNITY, _TOWNSHIP = Reach.GRID, Reach.COMMUNITY, Reach.TOWNSHIP
_RANK = {_GRID: 0, _COMMUNITY: 1, _TOWNSHIP: 2}


@frozen(kw_only=True)
class Candidate:
    """An offer that fits a need, with how near it is and the reasons it fits.

    >>> from wulian_core._volunteering.example import matcher_and_need
    >>> matcher, need = matcher_and_need()
    >>> best = matcher.candidates(need)[0]
    >>> best.supply, best.nearness.label_zh, best.reasons[0]
    ('s-grid', '本网格', '类别：助老')
    """

    supply: str = field(validator=checks.ident)
    provider: str = field(validator=checks.ident)
    kind: ProviderKind = field(validator=checks.instance_of(ProviderKind))
    nearness: Reach = field(validator=checks.instance_of(Reach))
    remaining: int = field(validator=checks.whole(minimum=1))
    reasons: tuple[str, ...] = field(converter=checks.to_strings)


@frozen(kw_only=True)
class Match:
    """A need given to an offer: one unit of the offer's capacity is taken.

    >>> from wulian_core._volunteering.example import matcher_and_need
    >>> matcher, need = matcher_and_need()
    >>> m = matcher.assign(need)
    >>> m.need, m.candidate.supply, matcher.remaining("s-grid")
    ('n-1', 's-grid', 0)
    """

    need: str = field(validator=checks.ident)
    candidate: Candidate = field(validator=checks.instance_of(Candidate))


def _window(need: Need, supply: Supply) -> str:
    start = max(need.starts, supply.starts)
    end = min(need.ends, supply.ends)
    return f"时间：{start:%m-%d %H:%M}–{end:%H:%M}"


class Matcher:
    """Supplies indexed for matching, with their remaining capacity.

    The matcher is the one mutable thing here: :meth:`assign` takes capacity. Build a new
    one (from the same supplies) to start over.

    >>> from wulian_core._volunteering.example import matcher_and_need
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
        for n, supply in enumerate(given):
            if type(supply) is not Supply:
                raise InvalidValue(f"Matcher.supplies[{n}]", supply, "must be a Supply")
            if supply.id in self._ids:
                problems.append(f"supply {supply.id!r} is given twice")
                continue
            self._ids[supply.id] = n
            self._remaining.append(supply.capacity)
            self._index(n, supply)
        if problems:
            raise IntegrityError(problems)

    def _index(self, n: int, supply: Supply) -> None:
        community, grid, reach = supply.community, supply.grid, supply.reach
        for category in supply.categories:
            if grid is not None:
                self._by_grid.setdefault((community, grid, category), []).append(n)
            if reach is not _GRID:
                self._by_community.setdefault((community, category), []).append(n)
            if reach is _TOWNSHIP:
                self._by_township.setdefault((community[:9], category), []).append(n)

    def _lists(self, need: Need) -> Iterator[tuple[Reach, Any, list[int]]]:
        limit = need.reach
        category = need.category
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
        where = {_GRID: f"同网格 {need.grid}", _COMMUNITY: f"同社区 {need.community}"}.get(
            near, f"同街道（乡镇） {need.community[:9]}"
        )
        reasons = (
            f"类别：{need.category.label_zh}",
            f"范围：{where}",
            _window(need, supply),
            f"余量：{self._remaining[n]}",
        )
        return Candidate(
            supply=supply.id,
            provider=supply.provider,
            kind=supply.kind,
            nearness=near,
            remaining=self._remaining[n],
            reasons=reasons,
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
