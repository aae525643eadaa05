"""Strings and sets of strings held as one buffer of UTF-8: the text columns of a directory.

Private, below :mod:`wulian_core._activity_columns`. Each entry is followed by the unit
separator ``\\x1f``; a set is its members sorted and joined by it, so one split of the
buffer lists every member of every row. A text or a member that holds the separator
itself is kept aside as the value given (``odd``) and stored empty, so every entry reads
back equal to the one given.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import accumulate, repeat
from operator import add
from typing import Any, final

__all__ = ["Texts"]

_SEP = "\x1f"
_SEP_BYTE = b"\x1f"
_EMPTY: frozenset[str] = frozenset()
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
        encoded = list(map(str.encode, texts))
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
        return self.data[start : ends[row] - 1].decode()

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
            found.update(data[start:end].decode().split(_SEP))
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
