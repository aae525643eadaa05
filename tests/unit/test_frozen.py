"""``_frozen.frozen`` writes on first use the ``__repr__``, ``__eq__`` and ``__hash__`` attrs writes."""

from __future__ import annotations

from typing import Any

import attrs
from attrs import field
from hypothesis import given
from hypothesis import strategies as st

from wulian_core._frozen import _eq, _hash, _repr, frozen


def _twins(**options: Any) -> tuple[type, type]:
    """The same record declared twice: once through ``frozen``, once through attrs itself."""

    def body() -> dict[str, Any]:
        return {
            "__module__": __name__,
            "__qualname__": "Record",
            "__annotations__": {"a": "int", "b": "object", "c": "str", "d": "int", "e": "int"},
            "a": field(),
            "b": field(eq=False),  # left out of equality and the hash
            "c": field(eq=str.lower, repr=lambda v: f"<{v}>"),  # an eq key, its own repr
            "d": field(repr=False, hash=False),
            "e": field(init=False, default=7),
        }

    ours = frozen(type("Record", (), body()), **options)
    theirs = attrs.frozen(type("Record", (), body()), **options)
    return ours, theirs


_values = st.tuples(
    st.integers(), st.none() | st.integers(), st.sampled_from(["x", "X", "y"]), st.integers()
)


@given(_values, _values)
def test_repr_equality_and_hash_are_those_attrs_writes(left: Any, right: Any) -> None:
    ours, theirs = _twins(kw_only=True)
    names = ("__repr__", "__eq__", "__hash__")
    assert [vars(ours)[name] for name in names] == [_repr, _eq, _hash]  # nothing compiled yet
    a, b = (ours(**dict(zip("abcd", v, strict=True))) for v in (left, right))
    x, y = (theirs(**dict(zip("abcd", v, strict=True))) for v in (left, right))
    for _ in range(2):  # the first call writes the method, the second runs it
        assert repr(a) == repr(x) and repr(b) == repr(y)
        assert (a == b) == (x == y) and (a != b) == (x != y)
        assert hash(a) == hash(x) and hash(b) == hash(y)
    for name in names:
        ours_now, theirs_now = vars(ours)[name], vars(theirs)[name]
        assert ours_now not in (_repr, _eq, _hash)
        if name != "__repr__":  # attrs' keeps its guard in attrs' private module, ours here
            assert ours_now.__code__.co_code == theirs_now.__code__.co_code, name
        assert ours_now.__qualname__ == theirs_now.__qualname__, name
    assert a != x and (a == 1) is False  # another class is never equal
    assert attrs.evolve(a, b=object()) == a  # b takes no part


def test_a_record_inside_itself_shows_as_attrs_shows_it() -> None:
    ours, theirs = _twins()
    for cls in (ours, theirs):
        holder: list[Any] = []
        record = cls(1, holder, "x", 2)
        holder.append(record)
        assert repr(record) == "Record(a=1, b=[...], c=<x>, e=7)"


def test_a_class_that_writes_its_own_methods_keeps_them() -> None:
    @frozen
    class Shown:
        a: int

        def __repr__(self) -> str:
            return "shown"

    assert repr(Shown(1)) == "shown"
    assert vars(Shown)["__eq__"] is not _eq  # attrs' own, as with attrs.frozen
    assert Shown(1) == Shown(1) and hash(Shown(1)) == hash(Shown(1))


def test_other_options_get_attrs_own_methods() -> None:
    @frozen(eq=False)
    class Identity:
        a: int

    assert Identity(1) != Identity(1)
    assert repr(Identity(1)) == "Identity(a=1)" and vars(Identity).get("__repr__") is not _repr


def test_a_subclass_compares_and_shows_its_own_fields() -> None:
    @frozen(kw_only=True)
    class Base:
        a: int

    @frozen(kw_only=True)
    class Child(Base):
        b: int

    assert repr(Child(a=1, b=2)).endswith("Child(a=1, b=2)")
    assert Child(a=1, b=2) != Child(a=1, b=3)
    assert Child(a=1, b=2) != Base(a=1)
    assert hash(Child(a=1, b=2)) == hash(Child(a=1, b=2))
    assert Base(a=1) == Base(a=1) and repr(Base(a=1)).endswith("Base(a=1)")


def test_a_plain_subclass_runs_the_method_written_for_its_record() -> None:
    @frozen(kw_only=True)
    class Record:
        a: int

    class Plain(Record):  # no attrs of its own, as attrs leaves such a subclass
        pass

    assert Plain(a=1) == Plain(a=1) and Plain(a=1) != Record(a=1)
    assert repr(Plain(a=1)).endswith("Plain(a=1)")
    assert "__eq__" in vars(Record) and "__eq__" not in vars(Plain)
    assert vars(Record)["__eq__"] is not _eq
