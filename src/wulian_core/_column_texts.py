"""Strings and sets of strings held as one buffer of UTF-8: the text columns of a directory.

Private, below :mod:`wulian_core._activity_columns`. Each entry is followed by the unit
separator ``\\x1f``; a set is its members sorted and joined by it, so one split of the
buffer lists every member of every row. A text or a member that holds the separator
itself is kept aside as the value given (``odd``) and stored empty, so every entry reads
back equal to the one given.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, islice, repeat
from operator import add, le, methodcaller
from typing import Any, ClassVar, Generic, SupportsIndex, TypeVar, final, overload

from ._checks import a_name
from .errors import InvalidValue, NotFound

__all__ = ["BATCH", "ENCODE", "RecordColumns", "Texts", "batches", "community_runs", "numbered"]

_SEP = "\x1f"
_SEP_BYTE = b"\x1f"
_EMPTY: frozenset[str] = frozenset()
# A text is any str a record takes, a lone surrogate too: kept as UTF-8 with it passed through.
ENCODE = methodcaller("encode", "utf-8", "surrogatepass")
_SPLIT_ROWS = 1 << 16  # entries decoded at a time when every member is listed


@final
class Texts:
    """Strings in one buffer, each followed by the separator, with where each entry ends."""

    __slots__ = ("data", "ends", "odd")

    def __init__(
        self,
        data: bytearray | None = None,
        ends: array[int] | None = None,
        odd: dict[int, Any] | None = None,
    ) -> None:
        self.data = bytearray() if data is None else data
        self.ends = array("Q") if ends is None else ends
        # row -> the value given, for a text or set holding the separator (stored empty)
        self.odd: dict[int, Any] = {} if odd is None else odd

    def __reduce__(self) -> tuple[Any, ...]:
        return (Texts, (self.data, self.ends, self.odd))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Texts):
            return NotImplemented
        return self.ends == other.ends and self.data == other.data and self.odd == other.odd

    __hash__ = None  # type: ignore[assignment]

    def add_texts(self, texts: list[str]) -> None:
        self._add(texts, len(texts), texts)

    def add_sets(self, sets: list[frozenset[str]]) -> None:
        # Sorted, so that equal sets are equal bytes (comparing and hashing the buffers).
        texts = list(map(_SEP.join, map(sorted, sets)))
        nonempty = len(texts) - texts.count("")
        self._add(texts, len(texts) + sum(map(len, sets)) - nonempty, sets)

    def _add(self, texts: list[str], separators: int, given: Sequence[Any]) -> None:
        if not texts:
            return  # no entry, and so no separator ending one
        encoded = list(map(ENCODE, texts))
        piece = _SEP_BYTE.join(encoded) + _SEP_BYTE
        if piece.count(_SEP_BYTE) != separators:
            # A separator inside a text: those entries are kept aside, stored empty.
            base = len(self.ends)
            for i, value in enumerate(given):
                if holds_separator(value):
                    self.odd[base + i] = value
                    encoded[i] = b""
            piece = _SEP_BYTE.join(encoded) + _SEP_BYTE
        ends = accumulate(map(add, map(len, encoded), repeat(1)), initial=len(self.data))
        next(ends)
        self.ends.extend(ends)
        self.data += piece

    def text(self, row: int) -> str:
        ends = self.ends
        start = ends[row - 1] if row else 0
        return self.data[start : ends[row] - 1].decode("utf-8", "surrogatepass")

    def value(self, row: int) -> str:
        if self.odd and row in self.odd:
            return str(self.odd[row])
        return self.text(row)

    def members(self, row: int) -> frozenset[str]:
        if self.odd and row in self.odd:
            return frozenset(self.odd[row])
        text = self.text(row)
        return frozenset(text.split(_SEP)) if text else _EMPTY

    def every_member(self) -> set[str]:
        """Every text (every member, for sets) of every row, each once."""
        found: set[str] = set()
        data, ends = self.data, self.ends
        start = 0
        for hi in range(_SPLIT_ROWS, len(ends) + _SPLIT_ROWS, _SPLIT_ROWS):
            end = ends[min(hi, len(ends)) - 1]
            found.update(data[start:end].decode("utf-8", "surrogatepass").split(_SEP))
            start = end
        found.discard("")
        for value in self.odd.values():
            found.update([value] if isinstance(value, str) else value)
        return found

    def take(self, rows: list[int], sets: bool) -> Texts:
        made = Texts()
        if sets:
            made.add_sets(list(map(self.members, rows)))
        else:
            made.add_texts(list(map(self.value, rows)))
        return made


def holds_separator(value: Any) -> bool:
    if isinstance(value, str):
        return _SEP in value
    return any(_SEP in member for member in value)


def community_runs(community: array[int], communities: int) -> tuple[array[int], array[int] | None]:
    """Where each community's rows are: ``starts`` (community ``k``'s are positions
    ``starts[k]`` to ``starts[k + 1]``) and ``order`` (those positions' rows), ``None`` when
    every community's rows already come in one run (numbers are given in first-seen order).
    """
    counts = Counter(community)
    starts = array("Q", accumulate(map(counts.__getitem__, range(communities)), initial=0))
    if all(map(le, community, islice(community, 1, None))):
        return starts, None
    # A counting sort by community, each community's rows in the order given.
    order = array("Q", bytes(8 * len(community)))
    place = list(starts[:-1])
    for row, number in enumerate(community):
        order[place[number]] = row
        place[number] += 1
    return starts, order


R = TypeVar("R")
_SHOWN = 4  # a repr lists at most this many records


class RecordColumns(Sequence[R], Generic[R]):
    """What a directory's columns of records share: a read-only sequence that makes each
    record when read, as the tuple of records it replaces behaves, and the runs of rows by
    community. A subclass holds the columns and makes a row's record (``_record``).
    """

    __slots__ = ()
    _noun: ClassVar[str]  # "organization", "activity": a refusal names the kind
    _plural: ClassVar[str]
    _codes: list[Any]  # the community codes used, in the order first seen
    _numbers: dict[Any, int]  # code -> its place in ``_codes``
    _starts: array[int]  # community number k's rows are positions _starts[k] to _starts[k + 1]
    _order: array[int] | None  # those positions' rows; ``None`` when every run is in place

    def _record(self, row: int) -> R:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: SupportsIndex) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[R, ...]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> R | tuple[R, ...]:
        if isinstance(index, slice):
            return tuple(map(self._record, range(len(self))[index]))
        try:
            row = range(len(self))[index]
        except IndexError:
            # NotFound is a LookupError, as IndexError is: ``except LookupError`` takes both.
            raise NotFound(f"{self._noun} at index", index, argument="index") from None
        except TypeError:
            raise InvalidValue("index", index, "must be an int or a slice") from None
        return self._record(row)

    def __iter__(self) -> Iterator[R]:
        return map(self._record, range(len(self)))

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """The first row from ``start`` (to ``stop``) holding ``value``; ``InvalidValue``
        (a ``ValueError``, as a tuple's is) if none does."""
        for row in range(len(self))[start:stop]:
            if self._record(row) == value:
                return row
        raise InvalidValue("value", value, f"is not one of these {self._plural}")

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self._same(other)
        if isinstance(other, tuple | list):
            return len(other) == len(self) and all(map(_equal, self, other))
        return NotImplemented

    def __hash__(self) -> int:
        raise NotImplementedError

    def _same(self, other: Any) -> bool:
        raise NotImplementedError

    def __add__(self, other: object) -> tuple[R, ...]:
        # As the tuple it replaces: records and records make a tuple of records.
        if isinstance(other, RecordColumns | tuple | list):
            return (*self, *other)
        return NotImplemented

    def __radd__(self, other: object) -> tuple[R, ...]:
        if isinstance(other, tuple | list):
            return (*other, *self)
        return NotImplemented

    def __repr__(self) -> str:
        # Short ones whole, so that a failing example can be pasted back; long ones counted.
        name = type(self).__name__
        if len(self) <= _SHOWN:
            return f"{name}.of({list(self)!r})"
        return f"<{name}: {len(self):,} {self._plural}>"

    @property
    def codes(self) -> tuple[Any, ...]:
        """Every community code a record names, in the order first seen."""
        return tuple(self._codes)

    def runs(self) -> tuple[memoryview, memoryview | None]:
        """Where each community's rows are, as ``(starts, order)``, read-only views of
        ints: community number ``k``'s rows (its place in :attr:`codes`) are
        ``order[starts[k]:starts[k + 1]]``, or the rows ``starts[k]`` to ``starts[k + 1]``
        themselves when ``order`` is ``None`` (each community's rows come in one run).

        >>> from wulian_core import synth
        >>> acts = synth.kangbashi().activities
        >>> starts, order = acts.runs()
        >>> len(starts) == len(acts.codes) + 1, starts[-1] == len(acts), order is None
        (True, True, True)
        """
        order = None if self._order is None else memoryview(self._order).toreadonly()
        return memoryview(self._starts).toreadonly(), order

    def community_numbers(self, communities: Iterable[str]) -> list[int]:
        """For each community code, its place in :attr:`codes`; ``len(codes)`` for a code
        no record names.

        >>> from wulian_core import synth
        >>> acts = synth.kangbashi().activities
        >>> first = acts.codes[0]
        >>> acts.community_numbers([first, "110101001999"]) == [0, len(acts.codes)]
        True
        """
        if isinstance(communities, str) or not isinstance(communities, Iterable):
            raise InvalidValue("communities", communities, "must be an iterable of codes")
        got = list(communities)
        if not all(map(isinstance, got, repeat(str))):
            bad = next(c for c in got if not isinstance(c, str))
            raise InvalidValue("communities", bad, "must be a community code (a str)")
        return list(map(self._numbers.get, got, repeat(len(self._codes))))

    def rows_in(self, community: str) -> Sequence[int]:
        """The rows of a community's records, in the order given (none if it has none)."""
        number = self._numbers.get(community)
        if number is None:
            return ()
        lo, hi = self._starts[number], self._starts[number + 1]
        return range(lo, hi) if self._order is None else self._order[lo:hi]

    def records(self, rows: Iterable[int]) -> Iterator[R]:
        """The records of these rows, made one by one."""
        return map(self._record, rows)


def _equal(ours: object, theirs: object) -> bool:
    return ours == theirs


BATCH = 1 << 12  # rows read at a time: a batch that stays in the caches, then columns


def batches(records: Any, kind: type, name: str) -> Iterator[list[Any]]:
    """``records`` in batches of ``kind`` only; anything else is refused, named by its
    place (``name[i]``), as is something that is not iterable at all."""
    if isinstance(records, str | bytes | Mapping) or not hasattr(records, "__iter__"):
        raise InvalidValue(name, records, "must be iterable")
    stream = iter(records)
    done = 0
    while batch := list(islice(stream, BATCH)):
        # One set of the types in C; the loop that names the odd one out only when there is one.
        if len(set(map(type, batch))) != 1 or type(batch[0]) is not kind:
            for position, record in enumerate(batch, done):
                if not isinstance(record, kind):
                    raise InvalidValue(
                        f"{name}[{position}]",
                        record,
                        f"must be {a_name(kind)}",
                        shown=a_name(type(record)),
                    )
        yield batch
        done += len(batch)


def numbered(got: list[Any], numbers: dict[Any, int], codes: list[Any]) -> Iterator[int]:
    """Each code's number, numbering a code not seen before next (``codes`` in that order)."""
    for code in dict.fromkeys(got):
        if code not in numbers:
            numbers[code] = len(codes)
            codes.append(code)
    return map(numbers.__getitem__, got)
