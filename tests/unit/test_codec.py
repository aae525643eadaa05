"""The codec's wire format and its errors."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

from wulian_core import (
    DecodeError,
    Directory,
    Person,
    PhoneNumber,
    RegionCode,
    SocialOrganization,
    codec,
    from_dict,
    from_json,
    from_toml,
    synth,
    to_dict,
    to_json,
)

GOOD = {
    "id": "o-1",
    "name": "悦和互助会",
    "community": "150603001001",
    "category": "mutual_aid",
    "registration": "filed",
    "established": "2023-06-01",
    "dissolved": None,
}


def test_the_documented_format_of_an_organization() -> None:
    org = from_dict(SocialOrganization, GOOD)
    assert org.community == RegionCode("150603001001")
    assert to_dict(org) == GOOD
    assert json.loads(to_json(org)) == GOOD
    assert "悦和" in to_json(org)  # UTF-8 characters, not \\u escapes


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", 42, "must be a string"),
        ("established", "2023-6-1", "must be a date YYYY-MM-DD"),
        ("established", 20230601, "must be a date"),
        ("category", "sports", "unknown value"),
        ("community", 150603001001, "must be a region code string"),
        ("name", "", "must not be blank"),
    ],
)
def test_a_bad_field_is_named_with_its_value(field: str, value: object, message: str) -> None:
    with pytest.raises(DecodeError) as info:
        from_dict(SocialOrganization, {**GOOD, field: value})
    assert [p for p, _ in info.value.problems] == [field]
    assert message in info.value.problems[0][1]


def test_every_bad_field_is_listed_with_its_path() -> None:
    data = to_dict(synth.kangbashi(seed=1))
    data["organizations"][3]["established"] = "soon"
    data["organizations"][5]["extra"] = 1
    del data["grids"][0]["name"]
    data["posts"][2]["role"] = "mayor"
    with pytest.raises(DecodeError) as info:
        from_dict(Directory, data)
    assert sorted(p for p, _ in info.value.problems) == [
        "grids[0].name",
        "organizations[3].established",
        "organizations[5].extra",
        "posts[2].role",
    ]
    messages = dict(info.value.problems)
    assert messages["grids[0].name"] == "required field missing"
    assert messages["organizations[5].extra"] == "unknown field"


def test_an_integrity_problem_after_decoding_is_a_decode_error_too() -> None:
    data = to_dict(synth.kangbashi(seed=1))
    data["organizations"][0]["community"] = "150603009001"
    with pytest.raises(DecodeError, match="region 150603009001 is not in the directory"):
        from_dict(Directory, data)


def test_integers_booleans_and_strings_are_never_coerced() -> None:
    with pytest.raises(DecodeError, match="must be a string"):
        from_dict(Person, {"id": 7, "name": "x", "phone": None, "id_card": None})
    with pytest.raises(DecodeError, match="must be a string"):
        from_dict(Person, {"id": "p", "name": "x", "phone": 13912345678, "id_card": None})


def test_naive_datetimes_are_refused_both_ways() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        codec.make_converter().structure("2024-02-04T09:30:00", dt.datetime)
    assert codec.make_converter().structure(
        "2024-02-04T09:30:00+08:00", dt.datetime
    ).utcoffset() == dt.timedelta(hours=8)
    with pytest.raises(ValueError, match="timezone-aware"):
        codec.make_converter().unstructure(dt.datetime(2024, 2, 4, 9, 30), dt.datetime)


def test_malformed_json_and_toml_are_decode_errors() -> None:
    with pytest.raises(DecodeError, match="not valid JSON"):
        from_json(SocialOrganization, "{")
    with pytest.raises(DecodeError, match="not valid TOML"):
        from_toml(SocialOrganization, "id = ")
    with pytest.raises(DecodeError, match="(root)"):
        from_json(SocialOrganization, "[1, 2]")


def test_toml_dates_are_taken_as_dates() -> None:
    text = "\n".join(
        [
            'id = "o-1"',
            'name = "悦和互助会"',
            'community = "150603001001"',
            'category = "mutual_aid"',
            'registration = "filed"',
            "established = 2023-06-01",
        ]
    )
    assert from_toml(SocialOrganization, text).established == dt.date(2023, 6, 1)


def test_personal_numbers_are_masked_unless_revealed_for_storage() -> None:
    person = Person(id="p", name="王芳", phone=PhoneNumber("13912345678"))
    assert to_dict(person)["phone"] == "139****5678"
    assert to_dict(person, reveal=True)["phone"] == "13912345678"
    assert from_json(Person, to_json(person, reveal=True)) == person


def test_an_unknown_union_tag_is_said_plainly() -> None:
    @attrs.frozen
    class Opened:
        kind = "case.opened"
        note: str

    @attrs.frozen
    class Closed:
        kind = "case.closed"
        note: str

    converter = codec.make_converter()
    codec.register_union(converter, [Opened, Closed], union=Opened | Closed)
    assert converter.structure({"kind": "case.closed", "note": "x"}, Opened | Closed) == Closed("x")
    with pytest.raises(
        ValueError, match="unknown kind 'case.lost'; expected one of case.closed, case.opened"
    ):
        converter.structure({"kind": "case.lost", "note": "x"}, Opened | Closed)
    with pytest.raises(ValueError, match="missing; expected one of"):
        converter.structure({"note": "x"}, Opened | Closed)


def test_the_converter_is_our_own_not_the_global_one() -> None:
    import cattrs

    before = cattrs.global_converter.unstructure(dt.date(2024, 1, 1))
    to_json(synth.kangbashi(seed=1))
    assert cattrs.global_converter.unstructure(dt.date(2024, 1, 1)) == before


def test_the_stdlib_json_backend_writes_the_same_text_as_orjson() -> None:
    import orjson  # the `test` extra installs it: a missing one fails, never skips

    data = to_dict(synth.kangbashi(seed=2))
    assert codec._stdlib_backend()[0](data) == orjson.dumps(data).decode()
    assert json.loads(codec._stdlib_backend()[0](data)) == data


def test_a_value_the_codec_does_not_know_is_named_not_a_bare_type_error() -> None:
    from wulian_core import InvalidValue

    with pytest.raises(InvalidValue, match="to_json.obj"):
        to_json(object())


def test_a_field_added_later_is_written_only_when_it_differs_from_its_default() -> None:
    from attrs import field, frozen

    from wulian_core._checks import LATER_FIELD

    @frozen
    class Record:
        name: str
        flag: bool = field(default=False, metadata=LATER_FIELD)

    assert codec.to_dict(Record("a")) == {"name": "a"}
    assert codec.to_dict(Record("a", flag=True)) == {"name": "a", "flag": True}
    assert codec.from_dict(Record, {"name": "a"}) == Record("a")
