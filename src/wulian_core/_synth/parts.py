"""What both builders use: seeded ids, invented people, even spreads, stations."""

from __future__ import annotations

import datetime as dt
import random

from wulian_core.model import Person, Post, Region, RegionLevel, Role, Scope, Station, StationLevel

__all__ = ["Ids", "People", "add_months", "build_stations", "spread"]


class Ids:
    """Sequential ids per prefix, so a seed always gives the same ids."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def __call__(self, prefix: str) -> str:
        n = self._next.get(prefix, 0) + 1
        self._next[prefix] = n
        return f"{prefix}-{n}"


class People:
    """Invented people with invented names; no phone or ID-card numbers."""

    _SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    _GIVEN = "芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"

    def __init__(self, ids: Ids) -> None:
        self._ids = ids
        self.persons: list[Person] = []

    def new(self) -> str:
        person_id = self._ids("p")
        n = len(self.persons)
        name = self._SURNAMES[n % 20] + self._GIVEN[(n // 20) % 20] + self._GIVEN[(n * 7) % 20]
        self.persons.append(Person(id=person_id, name=name))
        return person_id

    def post(self, role: Role, scope: Scope, start: dt.date) -> Post:
        return Post(id=self._ids("post"), person=self.new(), role=role, scope=scope, start=start)


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """``parts`` counts near ``total / parts`` that add up to ``total`` exactly."""
    counts = [total // parts] * parts
    for i in range(total - sum(counts)):
        counts[i] += 1
    for _ in range(parts):  # move a few between parts, keeping the sum
        a, b = rng.randrange(parts), rng.randrange(parts)
        if counts[a] > 2:
            counts[a] -= 1
            counts[b] += 1
    return counts


def build_stations(regions: list[Region], ids: Ids, start: dt.date) -> list[Station]:
    level_for = {
        RegionLevel.CITY: StationLevel.CITY_MECHANISM,
        RegionLevel.COUNTY: StationLevel.COUNTY,
        RegionLevel.TOWNSHIP: StationLevel.TOWNSHIP,
        RegionLevel.COMMUNITY: StationLevel.COMMUNITY,
    }
    return [
        Station(
            id=ids("station"),
            name=r.name
            + ("五社联动工作机制" if level is StationLevel.CITY_MECHANISM else "社会工作服务站"),
            level=level,
            region=r.code,
            established=start,
            regulations={"驻站制度", "服务记录制度"} if level is StationLevel.TOWNSHIP else set(),
        )
        for r in regions
        if (level := level_for.get(r.level)) is not None
    ]


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1, day=1)
