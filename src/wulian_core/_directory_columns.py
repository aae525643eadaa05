"""A directory's organizations as columns: one array a field, records made when read.

Private, below :mod:`wulian_core.directory`, whose ``organizations`` field holds one.

The country has about six million community social organizations. Held as records, each
is an object of 96 bytes with an id and a name of its own, and with the directory's
indexes about 400 bytes an organization (2.25 GiB for the country,
``docs/performance.md``). Held as columns, a name is its UTF-8 bytes in one buffer,
a community a number into the table of the codes used, a category and a registration
one byte each and a date four; the records are made again when read, equal to the ones
given. The columns hold no Python object per organization but its id (in a list, and a
set for the directory's checks), so the garbage collector has little to walk either.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Collection, Iterable, Iterator
from itertools import accumulate, compress, islice, repeat
from operator import attrgetter, sub
from typing import Any, final

from ._column_texts import RecordColumns, batches, community_runs
from ._organization_rows import ColumnsBuilder, checked_batches, values_of
from .errors import InvalidValue
from .model import OrganizationCategory, Registration, SocialOrganization
from .regions import RegionCode

__all__ = ["Organizations", "organizations_named"]

_CATEGORIES = tuple(OrganizationCategory)
_REGISTRATIONS = tuple(Registration)
# Keyed by wire value, not by member: an enum member's hash is a Python-level call.
# A row's class, its category and registration in one byte (5 categories times 2
# registrations, well under 256): ``category * _KINDS + registration``.
_KINDS = len(_REGISTRATIONS)
_SCALED = bytes(min(i * _KINDS, 255) for i in range(256))  # a category number, times _KINDS
_ID, _NAME, _COMMUNITY = attrgetter("id"), attrgetter("name"), attrgetter("community")
_CATEGORY, _REGISTRATION = attrgetter("category._value_"), attrgetter("registration._value_")
_ESTABLISHED, _DISSOLVED = attrgetter("established"), attrgetter("dissolved")
_FROM_ORDINAL = dt.date.fromordinal
_NEW = object.__new__
_SET = object.__setattr__  # a frozen record refuses plain stores; these are its own values


@final
class Organizations(RecordColumns[SocialOrganization]):
    """A directory's social organizations, in the order given, held as columns.

    It is a read-only sequence of :class:`~wulian_core.model.SocialOrganization`: each
    item is made when read, equal to the record given (a new object each time), so
    ``==``, ``in``, ``len``, slicing and iteration behave as on the tuple it replaces.
    It compares equal to a tuple or list of the same records.

    >>> import datetime as dt
    >>> from wulian_core.model import (OrganizationCategory, Registration, RegionCode,
    ...     SocialOrganization)
    >>> org = SocialOrganization(id="o-1", name="悦和志愿服务队",
    ...     community=RegionCode("150603001001"), category=OrganizationCategory.PUBLIC_WELFARE,
    ...     registration=Registration.REGISTERED, established=dt.date(2023, 6, 1))
    >>> orgs = Organizations.of([org])
    >>> len(orgs), Organizations.of([org] * 5)
    (1, <Organizations: 5 organizations>)
    >>> orgs[0] == org, orgs == (org,), org in orgs, orgs.get("o-1") == org, orgs.get("o-2")
    (True, True, True, True, None)
    >>> Organizations.of([org, "悦和"])
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: records[1]: must be a SocialOrganization (got a str)
    """

    __slots__ = (
        "_category",
        "_codes",
        "_community",
        "_dissolved",
        "_established",
        "_id_set",
        "_ids",
        "_name_ends",
        "_names",
        "_numbers",
        "_order",
        "_registration",
        "_rows",
        "_run_classes",
        "_starts",
    )
    _noun = "organization"
    _plural = "organizations"

    _ids: list[str]
    _id_set: set[str]  # every id: what the directory's checks ask
    # id -> its row, made on the first lookup by id: a dict of six million ids and rows
    # holds twice the set's memory, and building a directory needs only the set.
    _rows: dict[str, int] | None
    # Kept as the buffers they were built in: a copy to bytes would double them at the peak.
    _names: bytearray  # every name's UTF-8, one after another
    _name_ends: array[int]  # where each row's name ends in ``_names``
    _codes: list[RegionCode]  # the community codes used, in the order first seen
    _numbers: dict[RegionCode, int]  # code -> its place in ``_codes``
    _community: array[int]  # per row: its community's number in ``_codes``
    _category: bytearray
    _registration: bytearray
    _established: array[int]  # ordinals
    _dissolved: array[int]  # ordinals; 0 for none
    _starts: array[int]  # community number k's rows are positions _starts[k] to _starts[k + 1]
    _order: array[int] | None  # those positions' rows; ``None`` when every run is in place
    _run_classes: bytes | None  # each row's class, in run order, made on first count

    # -- building ------------------------------------------------------------------------

    def __new__(cls, records: Iterable[SocialOrganization] = ()) -> Organizations:
        """``Organizations(records)`` is ``Organizations.of(records)``."""
        return cls._named(records, "records")

    @classmethod
    def of(cls, records: Iterable[SocialOrganization]) -> Organizations:
        """Columns of ``records`` (any iterable of organizations; columns are kept as they are).

        Refuses anything that is not an organization, naming its place (``records[i]``).
        """
        return cls._named(records, "records")

    @classmethod
    def _named(cls, records: Iterable[SocialOrganization], name: str) -> Organizations:
        # As ``of``, naming the argument ``name`` in a refusal (``Directory.organizations``).
        if type(records) is cls:
            return records
        built = ColumnsBuilder()
        for chunk in batches(records, SocialOrganization, name):
            # One pass of C a field (``map`` of an attribute getter), over a batch small
            # enough that its records are still in the processor's caches.
            built.add(
                list(map(_ID, chunk)),
                map(_NAME, chunk),
                list(map(_COMMUNITY, chunk)),
                map(_CATEGORY, chunk),
                map(_REGISTRATION, chunk),
                map(_ESTABLISHED, chunk),
                map(_DISSOLVED, chunk),
            )
        return cls._made(*built.columns())

    @classmethod
    def from_columns(
        cls,
        *,
        ids: Iterable[str],
        names: Iterable[str],
        communities: Iterable[RegionCode],
        categories: Iterable[OrganizationCategory],
        registrations: Iterable[Registration],
        established: Iterable[dt.date],
        dissolved: Iterable[dt.date | None] | None = None,
    ) -> Organizations:
        """Organizations given a column a field, as rows read from a database come: row
        ``i`` is ``ids[i]``, ``names[i]``, and so on (``dissolved`` ``None`` for none
        dissolved). Each column may be any iterable: they are read a batch of rows at a
        time, so a generator is never held whole. No record is made: each value is
        checked as the record's field checks it, in C a batch at a time, and a refusal
        is the record's own, named by the column and the row. Equal to :meth:`of` of the
        same records.

        >>> import datetime as dt
        >>> from wulian_core.model import RegionCode
        >>> orgs = Organizations.from_columns(ids=["o-1", "o-2"], names=["悦和互助会", "邻里队"],
        ...     communities=[RegionCode("150603001001")] * 2,
        ...     categories=[OrganizationCategory.MUTUAL_AID] * 2,
        ...     registrations=[Registration.FILED] * 2,
        ...     established=[dt.date(2023, 6, 1), dt.date(2024, 1, 2)])
        >>> orgs[1].name, orgs.get("o-1").category.label_zh
        ('邻里队', '居民互助类')
        >>> Organizations.from_columns(ids=["o-1", " "], names=["甲", "乙"],
        ...     communities=[RegionCode("150603001001")] * 2,
        ...     categories=[OrganizationCategory.MUTUAL_AID] * 2,
        ...     registrations=[Registration.FILED] * 2, established=[dt.date(2023, 6, 1)] * 2)
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: ids[1]: must not be blank (got ' ')
        """
        given = {
            "ids": ids,
            "names": names,
            "communities": communities,
            "categories": categories,
            "registrations": registrations,
            "established": established,
            "dissolved": dissolved,
        }
        built = ColumnsBuilder()
        for batch in checked_batches(given):
            built.add(*values_of(batch))
        return cls._made(*built.columns())

    @classmethod
    def _made(
        cls,
        ids: list[str],
        names: bytearray,
        name_ends: array[int],
        codes: list[RegionCode],
        community: array[int],
        category: bytearray,
        registration: bytearray,
        established: array[int],
        dissolved: array[int],
        id_set: set[str] | None = None,
        numbers: dict[RegionCode, int] | None = None,
    ) -> Organizations:
        # ``id_set`` and ``numbers`` are worked out here unless the builder has them already.
        if id_set is None:
            id_set = set(ids)
        if numbers is None:
            numbers = {code: n for n, code in enumerate(codes)}
        made: Organizations = _NEW(cls)
        made._ids, made._id_set, made._rows = ids, id_set, None
        made._names, made._name_ends = names, name_ends
        made._codes, made._numbers, made._community = codes, numbers, community
        made._category, made._registration = category, registration
        made._established, made._dissolved = established, dissolved
        made._starts, made._order = community_runs(community, len(codes))
        made._run_classes = None
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        # The columns travel; the lookup by id and the runs are remade where they land.
        return (
            Organizations._made,
            (
                self._ids,
                self._names,
                self._name_ends,
                self._codes,
                self._community,
                self._category,
                self._registration,
                self._established,
                self._dissolved,
            ),
        )

    # -- reading -------------------------------------------------------------------------

    def _record(self, row: int) -> SocialOrganization:
        ends = self._name_ends
        start = ends[row - 1] if row else 0
        ended = self._dissolved[row]
        org: SocialOrganization = _NEW(SocialOrganization)
        _SET(org, "id", self._ids[row])
        _SET(org, "name", self._names[start : ends[row]].decode("utf-8", "surrogatepass"))
        _SET(org, "community", self._codes[self._community[row]])
        _SET(org, "category", _CATEGORIES[self._category[row]])
        _SET(org, "registration", _REGISTRATIONS[self._registration[row]])
        _SET(org, "established", _FROM_ORDINAL(self._established[row]))
        _SET(org, "dissolved", _FROM_ORDINAL(ended) if ended else None)
        return org

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, SocialOrganization):
            return False
        row = self._row_of(value.id)
        if row is None:
            return False
        if self._record(row) == value:
            return True
        # Only an id listed twice can hide an equal record behind its last row.
        return len(self._id_set) != len(self._ids) and any(map(value.__eq__, self))

    def __hash__(self) -> int:
        return hash((tuple(self._ids), bytes(self._names), self._community.tobytes(), self._tail()))

    def _tail(self) -> tuple[bytes, ...]:
        return (
            bytes(self._category),
            bytes(self._registration),
            self._established.tobytes(),
            self._dissolved.tobytes(),
        )

    def _same(self, other: Organizations) -> bool:
        if self is other:
            return True
        if self._ids != other._ids or self._names != other._names or self._tail() != other._tail():
            return False
        if self._codes == other._codes:
            return self._community == other._community
        return list(map(self._codes.__getitem__, self._community)) == list(
            map(other._codes.__getitem__, other._community)
        )

    # -- what the directory and the targets read ------------------------------------------

    def _row_of(self, organization_id: str) -> int | None:
        rows = self._rows
        if rows is None:
            # A duplicate id keeps its last row, as a dict of the records did; a directory
            # refuses duplicates anyway (``duplicates``).
            rows = self._rows = dict(zip(self._ids, range(len(self._ids)), strict=True))
        return rows.get(organization_id)

    def get(self, organization_id: str) -> SocialOrganization | None:
        """The organization with this id (the last, if listed twice), or ``None``."""
        row = self._row_of(organization_id) if isinstance(organization_id, str) else None
        return None if row is None else self._record(row)

    def duplicates(self) -> list[str]:
        """The ids listed more than once, each once, in the order of their second listing."""
        if len(self._id_set) == len(self._ids):
            return []
        seen: set[str] = set()
        twice: dict[str, None] = {}
        for key in self._ids:
            if key in seen:
                twice[key] = None
            seen.add(key)
        return list(twice)

    def active_rows(self, rows: Iterable[int], day: dt.date) -> list[int]:
        """Those of ``rows`` whose organization exists on ``day`` (both ends inclusive)."""
        ordinal = day.toordinal()
        founded, ended = self._established, self._dissolved
        return [
            row
            for row in rows
            if founded[row] <= ordinal and (not ended[row] or ordinal <= ended[row])
        ]

    def counts_by_community(
        self,
        categories: Collection[OrganizationCategory] = (),
        registrations: Collection[Registration] = (),
    ) -> dict[RegionCode, int]:
        """How many organizations each community has, whatever their dates, of one of
        ``categories`` and one of ``registrations`` (empty: any); a community with none is
        left out.

        >>> import datetime as dt
        >>> from wulian_core.model import RegionCode
        >>> def org(n, community, category):
        ...     return SocialOrganization(id=f"o-{n}", name=f"组织{n}",
        ...         community=RegionCode(community), category=category,
        ...         registration=Registration.FILED, established=dt.date(2023, 6, 1))
        >>> welfare, culture = OrganizationCategory.PUBLIC_WELFARE, OrganizationCategory.CULTURE_SPORTS
        >>> orgs = Organizations.of([org(1, "150603001001", welfare),
        ...     org(2, "150603001002", culture), org(3, "150603001001", culture)])
        >>> orgs.counts_by_community()
        {RegionCode('150603001001'): 2, RegionCode('150603001002'): 1}
        >>> orgs.counts_by_community(categories={welfare})
        {RegionCode('150603001001'): 1}
        >>> orgs.counts_by_community(registrations={Registration.REGISTERED})
        {}
        """
        kinds = _numbers_of(categories, _CATEGORIES, "categories")
        passing = _numbers_of(registrations, _REGISTRATIONS, "registrations")
        starts = self._starts
        ends = islice(starts, 1, None)
        if not categories and not registrations:
            counts = list(map(sub, ends, starts))
        else:
            # A byte a row in run order, its class; a table of the classes that pass;
            # then one count in C a community's run.
            table = bytearray(256)
            for c in kinds:
                for r in passing:
                    table[c * _KINDS + r] = 1
            flags = self._classes_in_runs().translate(table)
            counts = list(map(flags.count, repeat(b"\x01"), starts, ends))
        return dict(compress(zip(self._codes, counts, strict=True), counts))

    def _classes_in_runs(self) -> bytes:
        # Per row, in the order of the runs by community: ``category * _KINDS +
        # registration``, made once. Byte-wise sums of two buffers (no carry: each sum is
        # under 256) are one sum of two large ints.
        found = self._run_classes
        if found is None:
            size = len(self._category)
            scaled = int.from_bytes(self._category.translate(_SCALED), "little")
            found = (scaled + int.from_bytes(self._registration, "little")).to_bytes(size, "little")
            if self._order is not None:  # rows not in runs: read them in run order
                found = bytes(map(found.__getitem__, self._order))
            self._run_classes = found
        return found

    def has(self, organization_id: str) -> bool:
        """Whether an organization has this id."""
        return organization_id in self._id_set

    def take(self, rows: Iterable[int]) -> Organizations:
        """The columns of these rows, in this order (a part of a directory)."""
        chosen = list(rows)
        ids = list(map(self._ids.__getitem__, chosen))
        ends = self._name_ends
        names = self._names
        pieces = [names[(ends[r - 1] if r else 0) : ends[r]] for r in chosen]
        name_ends = array("Q", accumulate(map(len, pieces)))
        renumbered: dict[int, int] = {}
        for number in map(self._community.__getitem__, chosen):
            renumbered.setdefault(number, len(renumbered))
        codes = [self._codes[n] for n in renumbered]
        return Organizations._made(
            ids,
            bytearray().join(pieces),
            name_ends,
            codes,
            array("I", map(renumbered.__getitem__, map(self._community.__getitem__, chosen))),
            bytearray(map(self._category.__getitem__, chosen)),
            bytearray(map(self._registration.__getitem__, chosen)),
            array("i", map(self._established.__getitem__, chosen)),
            array("i", map(self._dissolved.__getitem__, chosen)),
        )

    def column(self, name: str) -> Any:
        """One field for every row, as plain values: ``"id"``, ``"name"``, ``"community"``
        (codes), ``"category"`` and ``"registration"`` (members), ``"established"`` and
        ``"dissolved"`` (dates, ``None`` for none); ``"established_ordinal"`` and
        ``"dissolved_ordinal"`` (0 for none), ``"category_number"``,
        ``"registration_number"`` (place in the enum) and ``"community_number"`` (place in
        ``codes``) as the arrays themselves, not to be changed."""
        if name == "id":
            return list(self._ids)
        if name == "name":
            ends = self._name_ends
            names = self._names
            return [
                names[a:b].decode("utf-8", "surrogatepass")
                for a, b in zip(_starts_of(ends), ends, strict=True)
            ]
        if name == "community":
            return list(map(self._codes.__getitem__, self._community))
        if name == "category":
            return list(map(_CATEGORIES.__getitem__, self._category))
        if name == "registration":
            return list(map(_REGISTRATIONS.__getitem__, self._registration))
        if name == "established":
            return list(map(_FROM_ORDINAL, self._established))
        if name == "dissolved":
            return [_FROM_ORDINAL(day) if day else None for day in self._dissolved]
        raw = {
            "established_ordinal": self._established,
            "dissolved_ordinal": self._dissolved,
            "category_number": self._category,
            "registration_number": self._registration,
            "community_number": self._community,
        }
        if name in raw:
            return raw[name]
        raise InvalidValue("name", name, "must be a field of SocialOrganization")


def _numbers_of(allowed: Collection[Any], members: tuple[Any, ...], name: str) -> list[int]:
    """The numbers of the ``allowed`` members (every one's, when none is named)."""
    if isinstance(allowed, (str, bytes)) or not isinstance(allowed, Collection):
        raise InvalidValue(
            name, allowed, f"must be a collection of {type(members[0]).__name__} members"
        )
    kind = type(members[0])
    for member in allowed:
        if not isinstance(member, kind):
            raise InvalidValue(name, member, f"must be a member of {kind.__name__}")
    return sorted(map(members.index, allowed)) if allowed else list(range(len(members)))


def organizations_named(records: Iterable[SocialOrganization], name: str) -> Organizations:
    """:meth:`Organizations.of`, naming the argument ``name`` in a refusal."""
    return Organizations._named(records, name)


def _starts_of(ends: array[int]) -> Iterator[int]:
    """Where each row's name starts: 0, then where the one before it ended."""
    if ends:
        yield 0
        yield from islice(ends, len(ends) - 1)


# Published by wulian_core.directory: named there in reprs, pickles and the docs.
Organizations.__module__ = "wulian_core.directory"
