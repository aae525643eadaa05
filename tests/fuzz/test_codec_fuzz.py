"""``from_json``, ``from_toml`` and ``from_dict`` of every public type, fed bad documents.

Each runs on both JSON backends: orjson (the codec's pick when installed) and the standard
library's ``json`` (the pick where orjson is absent). A bad document is one
:class:`~wulian_core.errors.DecodeError`, never a bare error or a RecursionError; a
document with one field made bad either names that field or decodes to a value that both
backends write alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from _fuzz import TALLY, both_backends, public_classes
from _values import DEPTH, instance_of
from hypothesis import given, settings
from hypothesis import strategies as st

from wulian_core import codec
from wulian_core.errors import DecodeError


def _codec_types() -> list[tuple[type, Any]]:
    found = []
    for cls in public_classes():
        sample = instance_of(cls)
        if sample is None or type(sample) is not cls:
            continue
        try:
            text = codec.to_json(sample)
            if codec.from_json(cls, text) != sample:
                continue  # compared by identity (aggregates): not a wire type
        except Exception:
            continue
        found.append((cls, sample))
    return found


TYPES = _codec_types()


BACKENDS = ["orjson", "stdlib"]


@contextmanager
def using(backend: str) -> Iterator[None]:
    """Decode and encode through ``backend``: the codec's pick, or the standard library's."""
    with pytest.MonkeyPatch.context() as patch:
        if backend == "stdlib":
            patch.setattr(codec, "_json_backend", codec._stdlib_backend)
        yield


BAD_JSON: dict[str, Any] = {
    "None": None,
    "an int": 5,
    "empty": "",
    "blank": "   ",
    "huge": "x" * 100_000,
    "not JSON": "{'a': 1}",
    "NaN": "NaN",
    "infinity": "1e400",
    "2**64": "18446744073709551616",
    "null": "null",
    "an array": "[]",
    "an empty object": "{}",
    "bad UTF-8": b"\xff\xfe",
    "deep arrays": "[" * DEPTH + "]" * DEPTH,
    "deep objects": '{"a":' * DEPTH + "1" + "}" * DEPTH,
}

BAD_TOML: dict[str, Any] = {
    "None": None,
    "bytes": b"a = 1",
    "empty": "",
    "not TOML": "a = = 1",
    "huge": "a = '" + "x" * 100_000 + "'",
    "deep arrays": "a = " + "[" * DEPTH + "]" * DEPTH,
    "deep inline tables": "a = " + "{b = " * DEPTH + "1" + "}" * DEPTH,
    "deep tables": "[" + ".".join(["t"] * DEPTH) + "]",
}


def _decode_error(call: Any, cls: type, document: Any) -> None:
    """A DecodeError listing its problems, unless the document is a valid one (``{}`` for a
    record whose every field has a default)."""
    TALLY.add("documents")
    try:
        decoded = call(cls, document)
    except DecodeError as refused:
        assert refused.problems
        assert all(isinstance(path, str) and message for path, message in refused.problems)
    else:
        assert type(decoded) is cls


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("cls", [c for c, _ in TYPES], ids=lambda c: c.__name__)
def test_bad_json_is_one_decode_error_on_both_backends(cls: type, backend: str) -> None:
    with using(backend):
        for text in BAD_JSON.values():
            _decode_error(codec.from_json, cls, text)


@pytest.mark.parametrize("cls", [c for c, _ in TYPES], ids=lambda c: c.__name__)
def test_bad_toml_is_one_decode_error(cls: type) -> None:
    for text in BAD_TOML.values():
        _decode_error(codec.from_toml, cls, text)


@pytest.mark.parametrize("cls", [c for c, _ in TYPES], ids=lambda c: c.__name__)
def test_deeply_nested_plain_data_is_one_decode_error(cls: type) -> None:
    deep: Any = []
    for _ in range(DEPTH):
        deep = [deep]
    _decode_error(codec.from_dict, cls, deep)
    _decode_error(codec.from_dict, cls, {"id": deep})


BAD_FIELD_VALUES = st.sampled_from(
    [
        None,
        True,
        -1,
        0,
        2**64,
        -(2**64),
        10**12 + 1,
        0.5,
        1e308,
        "",
        "   ",
        "x" * 1000,
        [],
        {},
        [[[[["x"]]]]],
        {"a": {"b": 1}},
        "9999-12-31",
        "2024-03-01T09:00:00",
    ]
)


# A whole district's directory takes seconds a document; its records are fuzzed one by one.
FIELD_TYPES = [(cls, sample) for cls, sample in TYPES if cls.__name__ != "Directory"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("cls", "sample"), FIELD_TYPES, ids=lambda c: getattr(c, "__name__", ""))
@settings(max_examples=max(3, settings().max_examples // 10))
@given(data=st.data())
def test_one_bad_field_is_named_or_decodes_to_a_value_both_backends_write(
    cls: type, sample: Any, data: st.DataObject, backend: str
) -> None:
    document = codec.to_dict(sample)
    if not isinstance(document, dict) or not document:
        return
    key = data.draw(st.sampled_from(sorted(document)), label="field")
    document[key] = data.draw(BAD_FIELD_VALUES, label="bad value")
    TALLY.add("documents")
    try:
        with using(backend):
            value = codec.from_json(cls, json.dumps(document, ensure_ascii=False))
    except DecodeError as refused:
        paths = [path for path, _ in refused.problems]
        # The field's own path, or a cross-field problem that names it ("must not be
        # before applies_from"), or the whole record when its shape is wrong.
        named = any(p == key or p.startswith((key + ".", key + "[")) for p in paths)
        assert named or key in str(refused) or paths == [""], paths
        return
    problem = both_backends(value)
    if problem:
        TALLY.fail(cls.__name__, key, "a bad field", problem)
    assert problem is None
