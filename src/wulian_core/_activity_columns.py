"""A directory's activities as columns: one array a field, records made when read.

Private, below :mod:`wulian_core.directory`, whose ``activities`` field holds one.

The synthetic country has 7.2 million activities (12 a community). Held as records, each
is an object with an id, a title and three sets of its own: about a kilobyte an activity
with the sets' tables. Held as columns, an id, a title and each set are UTF-8 in one
buffer a field (a set as its members sorted and joined by the unit separator ``\\x1f``,
which also ends each entry, so that one split of the buffer lists every member), a
community a number into the codes used, a date four bytes, an area and the "joint" flag
one byte each (``_column_texts`` holds the buffers).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator
from operator import attrgetter
from typing import Any, final

from ._column_texts import RecordColumns, Texts, batches, community_runs, numbered
from .errors import InvalidValue
from .model import Activity, ServiceArea
from .regions import RegionCode

__all__ = ["Activities", "activities_named"]

_AREAS = tuple(ServiceArea)
_AREA_NUMBER = {a._value_: i for i, a in enumerate(_AREAS)}
_SETS = ("organisers", "social_workers", "volunteers")
_ID, _TITLE, _COMMUNITY = attrgetter("id"), attrgetter("title"), attrgetter("community")
_ON, _AREA = attrgetter("on"), attrgetter("area._value_")
_JOINT = attrgetter("social_workers", "volunteers")
_GETTERS = tuple(map(attrgetter, _SETS))
_ORDINAL = dt.date.toordinal
_FROM_ORDINAL = dt.date.fromordinal
_NEW = object.__new__
_SET = object.__setattr__


@final
class Activities(RecordColumns[Activity]):
    """A directory's activities, in the order given, held as columns.

    A read-only sequence of :class:`~wulian_core.model.Activity`: each item is made when
    read, equal to the record given, and the whole compares equal to a tuple or list of
    the same records.

    >>> import datetime as dt
    >>> from wulian_core.model import RegionCode, ServiceArea
    >>> act = Activity(id="act-1", community=RegionCode("150603001001"), on=dt.date(2022, 9, 1),
    ...     title="共享奶奶", area=ServiceArea.CHILD_WELFARE, organisers={"o-1"},
    ...     social_workers={"p-9"}, volunteers={"p-3", "p-4"})
    >>> acts = Activities.of([act])
    >>> acts[0] == act, acts == (act,), act in acts, list(acts.column("joint"))
    (True, True, True, [1])
    >>> Activities.of([act] * 5)
    <Activities: 5 activities>
    >>> Activities.of([act, "共享奶奶"])
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: records[1]: must be an Activity (got a str)
    """

    __slots__ = (
        "_area",
        "_codes",
        "_community",
        "_ids",
        "_joint",
        "_numbers",
        "_on",
        "_order",
        "_sets",
        "_starts",
        "_titles",
        "_unique",
    )
    _noun = "activity"
    _plural = "activities"

    _ids: Texts
    _unique: bool  # no id listed twice
    _titles: Texts
    _codes: list[RegionCode]  # the community codes used, in the order first seen
    _numbers: dict[RegionCode, int]
    _community: array[int]
    _on: array[int]  # ordinals
    _area: bytearray
    _joint: bytearray  # 1 where the activity has social workers and volunteers
    _sets: tuple[Texts, Texts, Texts]  # organisers, social workers, volunteers
    _starts: array[int]
    _order: array[int] | None

    def __new__(cls, records: Iterable[Activity] = ()) -> Activities:
        """``Activities(records)`` is ``Activities.of(records)``."""
        return cls._named(records, "records")

    @classmethod
    def of(cls, records: Iterable[Activity]) -> Activities:
        """Columns of ``records``; refuses anything not an activity, naming its place."""
        return cls._named(records, "records")

    @classmethod
    def _named(cls, records: Iterable[Activity], name: str) -> Activities:
        if type(records) is cls:
            return records
        ids, titles = Texts(), Texts()
        sets = (Texts(), Texts(), Texts())
        id_set: set[str] = set()  # only for the count of distinct ids; not kept
        codes: list[RegionCode] = []
        numbers: dict[RegionCode, int] = {}
        community = array("I")
        on = array("i")
        area = bytearray()
        joint = bytearray()
        done = 0
        for chunk in batches(records, Activity, name):
            got_ids = list(map(_ID, chunk))
            id_set.update(got_ids)
            ids.add_texts(got_ids)
            titles.add_texts(list(map(_TITLE, chunk)))
            got_codes = list(map(_COMMUNITY, chunk))
            community.extend(numbered(got_codes, numbers, codes))
            on.extend(map(_ORDINAL, map(_ON, chunk)))
            area += bytes(map(_AREA_NUMBER.__getitem__, map(_AREA, chunk)))
            joint += bytes(map(all, map(_JOINT, chunk)))
            for texts, getter in zip(sets, _GETTERS, strict=True):
                texts.add_sets(list(map(getter, chunk)))
            done += len(chunk)
        unique = len(id_set) == done
        del id_set
        return cls._made(ids, titles, codes, community, on, area, joint, sets, unique, numbers)

    @classmethod
    def _made(
        cls,
        ids: Texts,
        titles: Texts,
        codes: list[RegionCode],
        community: array[int],
        on: array[int],
        area: bytearray,
        joint: bytearray,
        sets: tuple[Texts, Texts, Texts],
        unique: bool | None = None,
        numbers: dict[RegionCode, int] | None = None,
    ) -> Activities:
        if unique is None:
            unique = not _repeated(_all_texts(ids))
        if numbers is None:
            numbers = {code: n for n, code in enumerate(codes)}
        made: Activities = _NEW(cls)
        made._ids, made._unique, made._titles = ids, unique, titles
        made._codes, made._numbers, made._community = codes, numbers, community
        made._on, made._area, made._joint, made._sets = on, area, joint, sets
        made._starts, made._order = community_runs(community, len(codes))
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        # The columns travel; the runs by community are remade where they land.
        return (
            Activities._made,
            (
                self._ids,
                self._titles,
                self._codes,
                self._community,
                self._on,
                self._area,
                self._joint,
                self._sets,
                self._unique,
            ),
        )

    # -- reading -------------------------------------------------------------------------

    def _record(self, row: int) -> Activity:
        organisers, workers, volunteers = self._sets
        act: Activity = _NEW(Activity)
        _SET(act, "id", self._ids.value(row))
        _SET(act, "community", self._codes[self._community[row]])
        _SET(act, "on", _FROM_ORDINAL(self._on[row]))
        _SET(act, "title", self._titles.value(row))
        _SET(act, "area", _AREAS[self._area[row]])
        _SET(act, "organisers", organisers.members(row))
        _SET(act, "social_workers", workers.members(row))
        _SET(act, "volunteers", volunteers.members(row))
        return act

    def __len__(self) -> int:
        return len(self._on)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, Activity):
            return False
        rows = self.rows_in(value.community)
        return any(self._record(row) == value for row in rows)

    def __hash__(self) -> int:
        return hash(
            (
                bytes(self._ids.data),
                bytes(self._titles.data),
                self._community.tobytes(),
                self._on.tobytes(),
                bytes(self._area),
                *(bytes(s.data) for s in self._sets),
            )
        )

    def _same(self, other: Activities) -> bool:
        if self is other:
            return True
        if (
            self._ids != other._ids
            or self._titles != other._titles
            or self._on != other._on
            or self._area != other._area
            or self._sets != other._sets
        ):
            return False
        if self._codes == other._codes:
            return self._community == other._community
        return list(map(self._codes.__getitem__, self._community)) == list(
            map(other._codes.__getitem__, other._community)
        )

    # -- what the directory and the targets read ------------------------------------------

    @property
    def unique(self) -> bool:
        """Whether no id is listed twice."""
        return self._unique

    def members(self, name: str) -> set[str]:
        """Every id in one of the sets (``"organisers"``, ``"social_workers"``,
        ``"volunteers"``) of any activity, each once."""
        if name not in _SETS:
            raise InvalidValue("name", name, "must be organisers, social_workers or volunteers")
        return self._sets[_SETS.index(name)].every_member()

    def rows_between(self, rows: Iterable[int], first: dt.date, last: dt.date) -> list[int]:
        """Those of ``rows`` dated from ``first`` to ``last`` (both inclusive)."""
        lo, hi, on = first.toordinal(), last.toordinal(), self._on
        return [row for row in rows if lo <= on[row] <= hi]

    def take(self, rows: Iterable[int]) -> Activities:
        """The columns of these rows, in this order (a part of a directory)."""
        chosen = list(rows)
        renumbered: dict[int, int] = {}
        for number in map(self._community.__getitem__, chosen):
            renumbered.setdefault(number, len(renumbered))
        sets = self._sets
        return Activities._made(
            self._ids.take(chosen, sets=False),
            self._titles.take(chosen, sets=False),
            [self._codes[n] for n in renumbered],
            array("I", map(renumbered.__getitem__, map(self._community.__getitem__, chosen))),
            array("i", map(self._on.__getitem__, chosen)),
            bytearray(map(self._area.__getitem__, chosen)),
            bytearray(map(self._joint.__getitem__, chosen)),
            (
                sets[0].take(chosen, sets=True),
                sets[1].take(chosen, sets=True),
                sets[2].take(chosen, sets=True),
            ),
        )

    def column(self, name: str) -> Any:
        """One field for every row, as plain values: ``"id"``, ``"title"``, ``"community"``
        (codes), ``"on"`` (dates), ``"area"`` (members), ``"organisers"``,
        ``"social_workers"`` and ``"volunteers"`` (frozensets); ``"on_ordinal"``,
        ``"area_number"``, ``"community_number"`` (place in ``codes``) and ``"joint"``
        (1 where the activity has social workers and volunteers, else 0) as the arrays
        themselves, not to be changed."""
        rows = range(len(self))
        if name == "id":
            return list(map(self._ids.value, rows))
        if name == "title":
            return list(map(self._titles.value, rows))
        if name == "community":
            return list(map(self._codes.__getitem__, self._community))
        if name == "on":
            return list(map(_FROM_ORDINAL, self._on))
        if name == "area":
            return list(map(_AREAS.__getitem__, self._area))
        if name in _SETS:
            return list(map(self._sets[_SETS.index(name)].members, rows))
        raw = {
            "on_ordinal": self._on,
            "area_number": self._area,
            "community_number": self._community,
            "joint": self._joint,
        }
        if name in raw:
            return raw[name]
        raise InvalidValue("name", name, "must be a field of Activity")

    def nbytes(self) -> int:
        """The bytes the columns hold (their buffers and arrays, not the shared codes)."""
        from sys import getsizeof

        texts = (self._ids, self._titles, *self._sets)
        return (
            sum(getsizeof(t.data) + getsizeof(t.ends) + getsizeof(t.odd) for t in texts)
            + sum(
                map(getsizeof, (self._community, self._on, self._area, self._joint, self._starts))
            )
            + (0 if self._order is None else getsizeof(self._order))
        )


def activities_named(records: Iterable[Activity], name: str) -> Activities:
    """:meth:`Activities.of`, naming the argument ``name`` in a refusal."""
    return Activities._named(records, name)


def _all_texts(texts: Texts) -> Iterator[str]:
    return map(texts.value, range(len(texts.ends)))


def _repeated(values: Iterable[str]) -> bool:
    listed = list(values)
    return len(set(listed)) != len(listed)


# Published by wulian_core.directory: named there in reprs, pickles and the docs.
Activities.__module__ = "wulian_core.directory"
