"""Round trips through the codec, for every public model type, drawn by our strategies."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import DecodeError, Directory, from_dict, from_json, to_dict, to_json
from wulian_core.model import registered_types
from wulian_core.strategies import directories, for_type

TYPES = [*registered_types(), Directory]


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_type_round_trips_exactly_through_dicts_and_json(
    cls: type, data: st.DataObject
) -> None:
    value = data.draw(for_type(cls))
    # Storage's round trip: whole numbers; masked output is for people (tests/privacy).
    assert from_dict(cls, to_dict(value, reveal=True)) == value
    assert from_json(cls, to_json(value, reveal=True)) == value
    text = to_json(value, reveal=True)
    assert to_json(from_json(cls, text), reveal=True) == text


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
@given(garbage=JSON)
def test_any_json_value_decodes_or_raises_a_decode_error(cls: type, garbage: Any) -> None:
    try:
        from_dict(cls, garbage)
    except DecodeError as exc:
        assert exc.problems
        assert all(isinstance(path, str) and message for path, message in exc.problems)


@given(d=directories(), data=st.data())
def test_corrupting_one_field_of_a_directory_names_that_field(
    d: Directory, data: st.DataObject
) -> None:
    payload = to_dict(d, reveal=True)
    kinds = [k for k, records in payload.items() if records]
    kind = data.draw(st.sampled_from(kinds))
    index = data.draw(st.integers(0, len(payload[kind]) - 1))
    field = data.draw(st.sampled_from(sorted(payload[kind][index])))
    payload[kind][index][field] = {"not": "valid"}
    with pytest.raises(DecodeError) as info:
        from_dict(Directory, payload)
    where = f"{kind}[{index}].{field}"
    paths = [path for path, _ in info.value.problems]
    # A nested record (a post's scope) names the field inside it: still under ``where``.
    assert any(p == where or p.startswith((where + ".", where + "[")) for p in paths), paths
