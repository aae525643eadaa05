"""The codec's generated fast path (``_codec_fast``) against cattrs' hooks it stands in for.

The generated decoder may refuse more than cattrs (the codec then decodes through cattrs,
which gives the error or the record), never less: what it accepts, cattrs accepts, as an
equal record. The generated JSON encoder writes the text ``to_dict`` and a JSON module
would, on both backends.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import (
    DecodeError,
    InvalidValue,
    SocialOrganization,
    codec,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from wulian_core._codec_fast import _tags
from wulian_core._frozen import plain_twin
from wulian_core.model import registered_types
from wulian_core.points import ServiceRecorded
from wulian_core.strategies import for_type

EVENTS = (Path(__file__).parents[1] / "golden" / "quarter-seed0-events.jsonl").read_text()
BY_KIND = {tag: cls for cls, (_, tag) in _tags().items()}
STORED = [(BY_KIND[json.loads(line)["kind"]], line) for line in EVENTS.splitlines()]
# One stored event of each kind the golden quarter holds.
EVENT_SAMPLES = list(dict(STORED).items())

RECORD_TYPES = [
    t for t in registered_types() if isinstance(t, type) and hasattr(t, "__attrs_attrs__")
]

# Values near every check's edge: blank and overlong strings, bounds, dates that are not
# dates, naive and aware instants, region codes with a letter or the wrong length.
EDGES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        -1,
        10**12,
        10**12 + 1,
        2**63,
        1.5,
        "",
        " ",
        "\u3000",
        "x",
        "x" * 64,
        "x" * 65,
        "x" * 201,
        "2024-02-30",
        "2024-02-29",
        "2024-W01-1",
        "20240229",
        "2024-02-29T00:00:00",
        "2024-02-29T09:30:00+08:00",
        "2024-02-29T09:30:00Z",
        "150603001001",
        "150603000000",
        "x50603001001",
        "15060300100",
        "mutual_aid",
        "MUTUAL_AID",
        "grid",
        "138****8000",
        "13800138000",
        [],
        {},
        ["a"],
        {"kind": "x"},
        dt.date(2024, 2, 29),
        dt.datetime(2024, 2, 29, 9, 30),
        dt.datetime(2024, 2, 29, 9, 30, tzinfo=dt.UTC),
    ]
)


def _outcome(decode: Any, cls: type, data: Any) -> tuple[str, Any]:
    try:
        return "record", decode(data, cls)
    except Exception as exc:
        return "refused", type(exc).__name__


def _fast_accepts_no_more(cls: type, document: Any) -> None:
    fast = _outcome(codec._structure_hook(cls), cls, document)
    slow = _outcome(codec._detailed().structure, cls, document)
    if fast[0] == "record":
        assert slow == fast
        assert type(slow[1]) is type(fast[1])


def _mutated(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    document = dict(document)
    key = data.draw(st.sampled_from([*sorted(document), "extra"]), label="key")
    if data.draw(st.booleans(), label="drop") and key in document:
        del document[key]
    else:
        document[key] = data.draw(EDGES, label="value")
    return document


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_a_record_the_fast_path_accepts_is_the_record_cattrs_makes(
    cls: type, data: st.DataObject
) -> None:
    document = to_dict(data.draw(for_type(cls), label="value"), reveal=True)
    if isinstance(document, dict):
        document = _mutated(document, data)
    _fast_accepts_no_more(cls, document)


@pytest.mark.parametrize(("cls", "line"), EVENT_SAMPLES, ids=lambda c: getattr(c, "__name__", ""))
@given(data=st.data())
def test_an_event_the_fast_path_accepts_is_the_event_cattrs_makes(
    cls: type, line: str, data: st.DataObject
) -> None:
    _fast_accepts_no_more(cls, _mutated(json.loads(line), data))


def test_the_decoders_are_the_generated_ones() -> None:
    # So that the tests above compare the generated code, not cattrs with itself.
    for cls in (SocialOrganization, *(cls for cls, _ in EVENT_SAMPLES)):
        code = codec._structure_hook(cls).__code__
        assert code.co_filename.startswith("<wulian_core codec decode_"), cls
        assert codec._json_hook(cls, True).__code__.co_filename.startswith(
            "<wulian_core codec encode_"
        ), cls
    for cls, line in EVENT_SAMPLES:  # and the readers and writers, with the backend in them
        to_json(from_json(cls, line))
        for made, kind in ((codec._MASKING, "write"), (codec._READERS, "read")):
            code = made[cls].__code__
            assert code.co_filename.startswith(f"<wulian_core codec {kind}_"), cls
    assert plain_twin(ServiceRecorded) is not None  # the stored events are built on their twins


def _service_line() -> str:
    return next(line for cls, line in EVENT_SAMPLES if cls is ServiceRecorded)


def test_a_record_built_on_its_twin_is_the_class_itself() -> None:
    line = _service_line()
    event = from_json(ServiceRecorded, line)
    assert type(event) is ServiceRecorded and event.__class__ is ServiceRecorded
    assert event == codec._detailed().structure(json.loads(line), ServiceRecorded)
    assert hash(event) == hash(attrs.evolve(event))
    assert pickle.loads(pickle.dumps(event)) == event
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.points = 3  # type: ignore[misc]
    # A class with a __weakref__ slot has no twin Python lets it become; it decodes as before.
    assert plain_twin(SocialOrganization) is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"kind": "points.service_corrected"}, "kind"),
        ({"kind": None}, "kind"),
        ({"extra": 1}, "extra: unknown field"),
        ({"kind": "points.service_recorded", "extra": 1}, "extra: unknown field"),
    ],
)
def test_the_tag_is_one_key_more_with_its_own_value(change: dict[str, Any], problem: str) -> None:
    document = json.loads(_service_line())
    del document["kind"]
    assert from_dict(ServiceRecorded, document) == from_json(ServiceRecorded, _service_line())
    with pytest.raises(DecodeError, match=problem):
        from_dict(ServiceRecorded, {**document, **change})


def test_stored_events_read_back_and_write_the_same_bytes() -> None:
    for cls, line in STORED:
        event = from_json(cls, line)
        assert to_json(event, reveal=True) == line


def _same_text_everywhere(value: Any) -> None:
    plain = to_dict(value, reveal=True)
    text = to_json(value, reveal=True)
    assert text == orjson.dumps(plain).decode() == codec._stdlib_backend()[0](plain)
    # What the generated encoder hands the backend (dates, enums as they are) reads the same
    # through the standard library.
    native = codec._json_hook(type(value), True)(value)
    assert codec._stdlib_backend()[0](native) == text


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_to_json_writes_to_dicts_text_on_both_backends(cls: type, data: st.DataObject) -> None:
    _same_text_everywhere(data.draw(for_type(cls), label="value"))


def test_events_write_to_dicts_text_on_both_backends() -> None:
    for cls, line in EVENT_SAMPLES:
        _same_text_everywhere(from_json(cls, line))


def test_a_date_from_toml_is_taken_as_it_is() -> None:
    org = codec.from_toml(
        SocialOrganization,
        'id = "o-1"\nname = "x"\ncommunity = "150603001001"\ncategory = "other"\n'
        'registration = "filed"\nestablished = 2023-06-01\n',
    )
    assert org.established == dt.date(2023, 6, 1) and org.dissolved is None


@pytest.mark.parametrize(
    "zone",
    [
        dt.timezone(dt.timedelta(hours=8)),
        dt.UTC,
        dt.timezone(dt.timedelta(hours=5, minutes=30, seconds=15)),  # orjson drops seconds
        ZoneInfo("Asia/Shanghai"),
    ],
    ids=str,
)
@pytest.mark.parametrize("year", [1900, 2024])  # Shanghai's offset was +08:05:43 in 1900
def test_an_instant_is_written_as_isoformat_does_in_any_zone(zone: dt.tzinfo, year: int) -> None:
    at = dt.datetime(year, 6, 1, 9, 30, 0, 250, tzinfo=zone)
    _, line = next((cls, line) for cls, line in EVENT_SAMPLES if cls is ServiceRecorded)
    event = attrs.evolve(from_json(ServiceRecorded, line), at=at)
    assert json.loads(to_json(event))["at"] == at.isoformat()
    _same_text_everywhere(event)


def test_a_naive_instant_is_refused_on_the_way_out_as_before() -> None:
    _, line = next((cls, line) for cls, line in EVENT_SAMPLES if cls is ServiceRecorded)
    with attrs.validators.disabled():
        event = attrs.evolve(from_json(ServiceRecorded, line), at=dt.datetime(2024, 6, 1))
    with pytest.raises(InvalidValue, match="naive"):
        to_json(event)


def test_a_default_its_validator_refuses_is_refused_when_the_key_is_missing() -> None:
    from attrs import field, frozen

    from wulian_core import DecodeError, _checks

    @frozen
    class Odd:
        name: str = field(default="", validator=_checks.identifier)
        tags: frozenset[str] = field(
            default=frozenset(), converter=_checks.to_frozenset, validator=_checks.strings()
        )

    assert codec._structure_hook(Odd).__code__.co_filename.startswith("<wulian_core codec")
    with pytest.raises(DecodeError, match="name: must not be blank"):
        codec.from_dict(Odd, {})
    assert codec.from_dict(Odd, {"name": "a", "tags": ["x"]}) == Odd("a", frozenset({"x"}))
    with pytest.raises(DecodeError, match="tags"):
        codec.from_dict(Odd, {"name": "a", "tags": [" "]})


def test_without_orjson_the_readers_and_writers_give_the_same_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As where orjson is not installed: the codec picks the json module on its first call.
    monkeypatch.setitem(sys.modules, "orjson", None)
    for name in ("_orjson_dumps", "_READERS", "_MASKING", "_REVEALING"):
        value = getattr(codec, name)
        monkeypatch.setattr(codec, name, {} if isinstance(value, dict) else value)
    codec._json_backend.cache_clear()
    try:
        assert codec._json_backend()[0] is not codec._orjson_text
        for cls, line in STORED:
            assert to_json(from_json(cls, line), reveal=True) == line
        for made, kind in ((codec._REVEALING, "write"), (codec._READERS, "read")):
            code = made[ServiceRecorded].__code__
            assert code.co_filename.startswith(f"<wulian_core codec {kind}_")
        with pytest.raises(InvalidValue, match="cannot be written as JSON"):
            to_json(2**64)
    finally:
        codec._json_backend.cache_clear()
