"""Personal numbers are never whole in anything shown: errors, reprs, tables, pages, JSON.

The synthetic district's persons are given phone and ID-card numbers here, then every
output the demo and the report make of that directory is searched for them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import cattrs
import pytest

from wulian_core import policies
from wulian_core.cli import main
from wulian_core.codec import from_dict, from_json, to_dict, to_json
from wulian_core.demo import ARTICLE_DATE, quarter_summary, summary
from wulian_core.directory import Directory
from wulian_core.errors import DecodeError, InvalidValue
from wulian_core.html_report import render
from wulian_core.model import IdCardNumber, Person, PhoneNumber
from wulian_core.people import id_card_check_digit
from wulian_core.rules import evaluate
from wulian_core.simulation import Quarter, simulate_quarter
from wulian_core.synth import kangbashi

PHONE = "13800138000"
CARD = "11010519491231002X"


def _card(index: int) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=index * 17)
    first17 = f"150603{born:%Y%m%d}{index % 1000:03d}"
    return first17 + id_card_check_digit(first17)


def _with_numbers(directory: Directory) -> Directory:
    persons = tuple(
        attrs.evolve(
            person,
            phone=PhoneNumber(f"139{index:08d}"),
            id_card=IdCardNumber(_card(index)),
        )
        for index, person in enumerate(directory.persons)
    )
    return attrs.evolve(directory, persons=persons)


@pytest.fixture(scope="module")
def directory() -> Directory:
    return _with_numbers(kangbashi(seed=0))


@pytest.fixture(scope="module")
def quarter(directory: Directory) -> Quarter:
    return simulate_quarter(directory, targets=policies.load("shaanxi-2022"), seed=0)


def _whole(directory: Directory) -> set[str]:
    numbers: set[str] = set()
    for person in directory.persons:
        if person.phone is not None:
            numbers.add(person.phone.reveal())
        if person.id_card is not None:
            numbers.add(person.id_card.reveal())
    return numbers


def _assert_none_whole(text: str, numbers: set[str]) -> None:
    # The digits of a number with any separators between them would be whole too.
    compact = "".join(c for c in text if c.isalnum())
    found = sorted(n for n in numbers if n in text or n in compact)
    assert not found, f"whole numbers shown: {found[:3]}"


def _outputs(directory: Directory, quarter: Quarter) -> Iterator[tuple[str, str]]:
    yield "summary", summary(directory, as_of=ARTICLE_DATE)
    names = {person.id: person.name for person in directory.persons}
    yield "quarter_summary", quarter_summary(quarter, names=names)
    yield "report page", render(quarter)
    yield "directory repr", repr(directory)
    yield "directory html", directory._repr_html_()
    for kind in ("persons", "residents", "posts"):
        yield (
            f"to_records({kind})",
            json.dumps(directory.to_records(kind), ensure_ascii=False, default=str),
        )
    yield "persons repr", repr(directory.persons)
    yield "persons str", " ".join(f"{p.phone} {p.id_card}" for p in directory.persons)
    yield "asdict", repr([attrs.asdict(p) for p in directory.persons])
    yield "astuple", repr([attrs.astuple(p) for p in directory.persons])
    yield "cattrs", repr([cattrs.unstructure(p) for p in directory.persons])
    yield "to_json", to_json(directory)
    yield "to_dict", repr(to_dict(directory))
    report = evaluate(policies.load("shaanxi-2022"), directory, as_of=ARTICLE_DATE)
    yield "evaluation records", repr(report.to_records())
    yield "evaluation html", report._repr_html_()
    yield "quarter report records", repr(quarter.report.to_records(rollups=True))
    yield "quarter report html", quarter.report._repr_html_()
    for case in quarter.cases[:50]:
        yield "case html", case._repr_html_()
        yield "case records", repr(case.to_records())
    for book in quarter.passbooks[:50]:
        yield "passbook html", book._repr_html_()
    yield (
        "events",
        "\n".join(
            to_json(event)
            for aggregate in (*quarter.cases, *quarter.passbooks, quarter.catalogue)
            for event in aggregate.events
        ),
    )


def test_no_output_of_the_demo_or_the_report_shows_a_whole_number(
    directory: Directory, quarter: Quarter
) -> None:
    numbers = _whole(directory)
    assert len(numbers) == 2 * len(directory.persons) > 1000
    for name, text in _outputs(directory, quarter):
        assert text, name
        _assert_none_whole(text, numbers)


def test_errors_on_a_directory_with_numbers_show_none_whole(directory: Directory) -> None:
    numbers = _whole(directory)
    payload = to_dict(directory, reveal=True)
    for record in payload["persons"][:20]:
        record["name"] = {"not": "a name", "but": record["phone"]}
        record["id"] = [record["id_card"]]
    with pytest.raises(DecodeError) as info:
        from_dict(Directory, payload)
    _assert_none_whole(str(info.value), numbers)
    _assert_none_whole(repr(info.value.problems), numbers)
    _assert_none_whole(str(pickle.loads(pickle.dumps(info.value))), numbers)
    with pytest.raises(InvalidValue) as bad:
        policies.load(to_json(directory, reveal=True))
    _assert_none_whole(str(bad.value), numbers)
    _assert_none_whole(pickle.dumps(bad.value).decode("utf-8", "replace"), numbers)


def test_the_cli_shows_no_number_of_a_file_it_cannot_read(
    directory: Directory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numbers = _whole(directory)
    data = tmp_path / "d.json"
    data.write_text(to_json(directory, reveal=True), encoding="utf-8")
    out = io.StringIO()
    code = main(["evaluate", str(data), "--policy", str(data), "--as-of", "2023-12-31"], out=out)
    err = capsys.readouterr().err
    assert code == 2 and "not a TOML policy file" in err
    _assert_none_whole(err + out.getvalue(), numbers)
    assert len(err) < 300  # the reason, not the file


def test_the_demo_command_prints_no_phone_or_id_shaped_number(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    out = io.StringIO()
    assert main(["demo", "--output", str(page)], out=out) == 0
    shaped = re.compile(r"(?<![0-9])(1[3-9][0-9]{9}|[0-9]{17}[0-9Xx])(?![0-9])")
    assert not shaped.findall(out.getvalue())
    assert not shaped.findall(page.read_text(encoding="utf-8"))


# --- the values and their errors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "masked"),
    [("phone", PHONE, "138****8000"), ("id_card", CARD, "110105********002X")],
)
def test_a_person_given_a_bare_string_is_refused_with_it_masked(
    field: str, value: str, masked: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        Person(id="p-1", name="王芳", **{field: value})  # type: ignore[arg-type]
    err = info.value
    assert err.field == f"Person.{field}"
    assert err.value == masked
    assert masked in str(err) and value not in str(err) and value not in repr(err)
    again = pickle.loads(pickle.dumps(err))
    assert value not in pickle.dumps(err).decode("latin-1")
    assert again.value == masked and str(again) == str(err)


@pytest.mark.parametrize(
    "value",
    ["1380013800", "138001380001", "1380013800x", 13800138000, "110105194912310021"],
)
def test_a_bad_number_is_refused_without_showing_it(value: object) -> None:
    kind = IdCardNumber if isinstance(value, str) and len(value) == 18 else PhoneNumber
    with pytest.raises(InvalidValue) as info:
        kind(value)  # type: ignore[arg-type]
    text = str(value)
    blob = pickle.dumps(info.value).decode("latin-1")
    assert text not in str(info.value) and text not in repr(info.value.value)
    assert text not in blob


def test_a_number_is_a_value_but_not_an_attrs_class() -> None:
    phone, card = PhoneNumber(PHONE), IdCardNumber(CARD)
    assert not attrs.has(PhoneNumber) and not attrs.has(IdCardNumber)
    assert phone == PhoneNumber("138-0013-8000") and hash(phone) == hash(PhoneNumber(PHONE))
    assert phone != PHONE and card != IdCardNumber(_card(1))
    assert pickle.loads(pickle.dumps(card)) == card  # a pickle is storage: whole
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        phone._text = "13900000000"  # type: ignore[misc]
    person = Person(id="p-1", name="王芳", phone=phone, id_card=card)
    for shown in (attrs.asdict(person), attrs.astuple(person), cattrs.unstructure(person)):
        assert PHONE not in repr(shown) and CARD not in repr(shown)


def test_json_is_masked_unless_revealed_and_a_masked_number_is_not_read_back() -> None:
    person = Person(id="p-1", name="王芳", phone=PhoneNumber(PHONE), id_card=IdCardNumber(CARD))
    shown = to_json(person)
    assert PHONE not in shown and CARD not in shown
    assert json.loads(shown)["phone"] == "138****8000"
    stored = to_json(person, reveal=True)
    assert PHONE in stored and CARD in stored
    assert from_json(Person, stored) == person
    with pytest.raises(DecodeError) as info:
        from_json(Person, shown)
    assert [path for path, _ in info.value.problems] == ["phone", "id_card"]
    assert "masked" in str(info.value)


def test_reveal_must_be_a_bool() -> None:
    with pytest.raises(InvalidValue, match=r"to_dict\.reveal"):
        to_dict(PhoneNumber(PHONE), reveal="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize("decode", ["json", "toml"])
def test_a_malformed_document_leaves_no_whole_number_in_the_error_chain(decode: str) -> None:
    # The parser's own error holds the whole text (json's .doc); the DecodeError must not
    # keep it as its context, which tblib-style pickling would carry along.
    from wulian_core.codec import from_json, from_toml
    from wulian_core.model import Scope

    text = '{"kind": "grid", "key": "13800138000 110101199003071234"'
    with pytest.raises(DecodeError) as info:
        (from_json if decode == "json" else from_toml)(Scope, text)
    assert info.value.__context__ is None and info.value.__cause__ is None
