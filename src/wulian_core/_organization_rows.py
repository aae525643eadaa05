"""Building a directory's organization columns: from records, or from columns of values.

:class:`ColumnsBuilder` appends one batch at a time (a batch small enough to stay in the
processor's caches), whether the batch's fields were read from records or given as
columns. :func:`checked_batches` cuts columns of values (as rows read from a database
come: the ids, then the names, ...) into such batches, checked as the records would be:
a batch whose every value passes the quick tests in C goes on as it is; one that does
not is checked row by row by making each row's record, so that a refusal is the record's
own, named by the column and the row (``ids[7]``).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, compress, islice, repeat
from operator import attrgetter, is_not, lt
from typing import Any

from ._checks import ID_LENGTH, MAX_TEXT
from ._column_texts import BATCH, ENCODE, numbered
from .errors import InvalidValue
from .model import OrganizationCategory, Registration, SocialOrganization
from .regions import RegionCode

__all__ = ["COLUMNS", "ColumnsBuilder", "checked_batches", "values_of"]

_CATEGORY_NUMBER = {c._value_: i for i, c in enumerate(OrganizationCategory)}
_REGISTRATION_NUMBER = {r._value_: i for i, r in enumerate(Registration)}

# The columns ``Organizations.from_columns`` takes, and the record's field each one fills.
COLUMNS = {
    "ids": "id",
    "names": "name",
    "communities": "community",
    "categories": "category",
    "registrations": "registration",
    "established": "established",
    "dissolved": "dissolved",
}


class ColumnsBuilder:
    """The columns of organizations, a batch at a time."""

    __slots__ = (
        "categories",
        "codes",
        "community",
        "dissolved",
        "established",
        "id_set",
        "ids",
        "name_ends",
        "names",
        "numbers",
        "registrations",
    )

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.id_set: set[str] = set()
        self.names = bytearray()
        self.name_ends = array("Q")
        self.codes: list[RegionCode] = []
        self.numbers: dict[RegionCode, int] = {}
        self.community = array("I")
        self.categories = bytearray()
        self.registrations = bytearray()
        self.established = array("i")
        self.dissolved = array("i")

    def add(
        self,
        ids: list[str],
        names: Iterable[str],
        codes: list[RegionCode],
        categories: Iterable[str],
        registrations: Iterable[str],
        established: Iterable[dt.date],
        dissolved: Iterable[dt.date | None],
    ) -> None:
        """One batch, a field at a time: categories and registrations by their values."""
        self.ids += ids
        self.id_set.update(ids)
        encoded = list(map(ENCODE, names))
        ends = accumulate(map(len, encoded), initial=len(self.names))
        next(ends)
        self.name_ends.extend(ends)
        self.names += b"".join(encoded)
        self.community.extend(numbered(codes, self.numbers, self.codes))
        self.categories += bytes(map(_CATEGORY_NUMBER.__getitem__, categories))
        self.registrations += bytes(map(_REGISTRATION_NUMBER.__getitem__, registrations))
        self.established.extend(map(dt.date.toordinal, established))
        self.dissolved.extend([0 if day is None else day.toordinal() for day in dissolved])

    def columns(self) -> tuple[Any, ...]:
        """What ``Organizations._made`` takes, in its order."""
        return (
            self.ids,
            self.names,
            self.name_ends,
            self.codes,
            self.community,
            self.categories,
            self.registrations,
            self.established,
            self.dissolved,
            self.id_set,
            self.numbers,
        )


def checked_batches(given: Mapping[str, Any]) -> Iterator[list[list[Any]]]:
    """The columns ``given`` (by the names of :data:`COLUMNS`; ``dissolved`` may be
    ``None``) in checked batches of rows, one list a column. Each column is read a batch
    at a time, so that a column given as a generator is never held whole."""
    streams: dict[str, Iterator[Any]] = {}
    for name in COLUMNS:
        values = given[name]
        if name == "dissolved" and values is None:
            continue  # none dissolved: a None a row, made with each batch
        if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
            raise InvalidValue(name, values, "must be an iterable of values, one a row")
        streams[name] = iter(values)
    done = 0
    while True:
        batch = [list(islice(stream, BATCH)) for stream in streams.values()]
        lengths = Counter(map(len, batch))
        rows = lengths.most_common(1)[0][0]
        if len(lengths) > 1:  # a column of another length: the one that differs is named
            odd = next(i for i, values in enumerate(batch) if len(values) != rows)
            _refuse_length(list(streams)[odd], done + len(batch[odd]), done + rows)
        if not rows:
            return
        if len(batch) < len(COLUMNS):
            batch.append([None] * rows)
        if not _passes(*batch):
            _refuse(batch, done)
        yield batch
        done += rows


def _refuse_length(name: str, got: int, others: int) -> None:
    # Read a batch at a time: a column found short has ``got`` values and the others at
    # least ``others``; one found long has at least ``got``, and the others ``others``.
    if got < others:
        shown = f"{_counted(got, 'value')}, against at least {others} in the others"
    else:
        shown = f"at least {_counted(got, 'value')}, against {others} in the others"
    raise InvalidValue(name, got, "must have one value a row, as the other columns", shown=shown)


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _passes(
    ids: list[Any],
    names: list[Any],
    codes: list[Any],
    categories: list[Any],
    registrations: list[Any],
    established: list[Any],
    dissolved: list[Any],
) -> bool:
    """Whether every row of the batch passes the records' checks, by quick tests in C
    (exact types, so a subclass is left to the records themselves)."""
    if not ids:
        return True
    ended = list(map(is_not, dissolved, repeat(None)))
    return (
        set(map(type, ids)) == {str}
        and all(map(str.strip, ids))
        and max(map(len, ids)) <= ID_LENGTH
        and set(map(type, names)) == {str}
        and all(map(str.strip, names))
        and max(map(len, names)) <= MAX_TEXT
        and set(map(type, codes)) == {RegionCode}
        and set(map(type, categories)) == {OrganizationCategory}
        and set(map(type, registrations)) == {Registration}
        and set(map(type, established)) == {dt.date}
        and set(map(type, compress(dissolved, ended))) <= {dt.date}
        and not any(map(lt, compress(dissolved, ended), compress(established, ended)))
    )


def _refuse(batch: list[list[Any]], start: int) -> None:
    """Make each row's record: the first refusal, named by its column and row, is raised."""
    fields = list(COLUMNS.values())
    column_of = {field: name for name, field in COLUMNS.items()}
    for offset, row in enumerate(zip(*batch, strict=True)):
        try:
            SocialOrganization(**dict(zip(fields, row, strict=True)))
        except InvalidValue as refused:
            field = refused.field.rpartition(".")[2]
            where = f"{column_of.get(field, field)}[{start + offset}]"
            raise InvalidValue(where, refused.value, refused.reason, shown=refused.shown) from None


def values_of(batch: Sequence[list[Any]]) -> list[Any]:
    """A checked batch as :meth:`ColumnsBuilder.add` takes it (enum members by value)."""
    ids, names, codes, categories, registrations, established, dissolved = batch
    categories_by_value = map(_VALUE, categories)
    registrations_by_value = map(_VALUE, registrations)
    return [ids, names, codes, categories_by_value, registrations_by_value, established, dissolved]


_VALUE = attrgetter("_value_")
