"""Open311 records against GeoReport v2: its field rules, its OpenAPI description, and privacy.

The OpenAPI description in ``tests/data/open311/`` was written from the specification
(see the README there); the records are validated against its schemas with
``jsonschema``, and separately against the rules the specification states in prose.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from wulian_core.calendar import SHANGHAI
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseResult,
    EscalationPolicy,
    Satisfaction,
)
from wulian_core.model import Actor, Grant, IdCardNumber, PhoneNumber, RegionCode, Role, Scope
from wulian_core.open311 import (
    DEFAULT_CATALOGUE,
    case_arguments,
    requests_to_json,
    service_list,
    service_request,
    services_to_json,
)
from wulian_core.strategies import CaseMachine, id_card_numbers, phone_numbers

SPEC = Path(__file__).parent / "data" / "open311" / "georeport-v2.openapi.json"
DOCUMENT = json.loads(SPEC.read_text(encoding="utf-8"))
_URI = "urn:open311:georeport-v2"
_REGISTRY = Registry().with_resource(
    _URI, Resource.from_contents(DOCUMENT, default_specification=DRAFT202012)
)


def validator(schema: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"{_URI}#/components/schemas/{schema}"}, registry=_REGISTRY
    )


SERVICE_LIST = validator("ServiceList")
REQUEST_LIST = validator("ServiceRequestList")
POST = validator("ServiceRequestPost")

# The fields the library fills in every request record, as the specification lists them.
REQUEST_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_code",
    "service_name",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address_id",
)
# The W3C profile of ISO 8601 the specification requires: seconds, and an offset.
W3C = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})")

YUEHE = RegionCode("150603001001")
RESIDENT = Actor("p-resident")
LIAISON = Actor("p-liaison", {Grant(Role.LIAISON, Scope.grid("g-1"))})
SUPERVISOR = Actor("p-supervisor", {Grant(Role.SUPERVISOR, Scope.region(RegionCode("150603")))})


def check_request_rules(record: dict[str, Any]) -> None:
    """The specification's prose rules for one ``GET requests`` record."""
    assert tuple(record) == REQUEST_FIELDS
    assert record["status"] in ("open", "closed")
    assert record["service_code"] in {s.service_code for s in DEFAULT_CATALOGUE.services}
    assert record["service_name"] == DEFAULT_CATALOGUE.service(record["service_code"]).service_name
    for name in ("service_request_id", "status_notes", "description", "agency_responsible"):
        assert isinstance(record[name], str)
        assert record[name].strip()
    assert len(record["description"]) <= 4000
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        value = record[name]
        if value is None:
            assert name == "expected_datetime"
            continue
        assert W3C.fullmatch(value), value
        assert dt.datetime.fromisoformat(value).utcoffset() == dt.timedelta(hours=8)
    requested = dt.datetime.fromisoformat(record["requested_datetime"])
    assert dt.datetime.fromisoformat(record["updated_datetime"]) >= requested
    if record["status"] == "closed":
        assert record["expected_datetime"] is None
    assert RegionCode(record["address_id"]).full == record["address_id"]


def test_the_description_is_an_openapi_3_1_document_of_georeport_v2() -> None:
    assert DOCUMENT["openapi"].startswith("3.1")
    for path in ("/services.json", "/requests.json", "/requests/{service_request_id}.json"):
        assert path in DOCUMENT["paths"]
    for schema in DOCUMENT["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_the_schemas_can_fail() -> None:
    record = service_request(open_case("楼道堆物"))

    REQUEST_LIST.validate([record])
    assert list(REQUEST_LIST.iter_errors([{**record, "status": "pending"}]))
    assert list(REQUEST_LIST.iter_errors([{**record, "requested_datetime": "2024-09-30 10:00"}]))
    assert list(REQUEST_LIST.iter_errors([{**record, "updated_datetime": "2024-09-30T10:00:00"}]))
    assert list(REQUEST_LIST.iter_errors([{k: v for k, v in record.items() if k != "status"}]))
    assert list(SERVICE_LIST.iter_errors([{**service_list()[0], "type": "instant"}]))
    assert list(POST.iter_errors({"service_code": "dispute"}))  # no location


def test_the_service_list_meets_the_description_and_the_rules() -> None:
    services = json.loads(services_to_json())

    SERVICE_LIST.validate(services)
    for service in services:
        assert service["metadata"] is False
        assert service["type"] in ("realtime", "batch", "blackbox")
        assert "，" not in service["keywords"]
        assert all(word.strip() for word in service["keywords"].split(","))


def open_case(summary: str, *, category: CaseCategory = CaseCategory.DISPUTE) -> Case:
    return Case.open(
        id="c-1",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=category,
        channel=CaseChannel.IN_PERSON,
        summary=summary,
        policy=EscalationPolicy.kangbashi(),
        by=RESIDENT,
        at=dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI),
        home_agency="agency-centre",
    )


def test_a_case_through_its_life_meets_the_description_at_every_step() -> None:
    case = open_case("楼上漏水")
    at = dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI)
    steps = [
        lambda: case.accept(by=LIAISON, at=at),
        lambda: case.give_feedback(message="已联系楼上住户", by=LIAISON, at=at),
        lambda: case.resolve(
            result=CaseResult(resident_contacted=True, solved=True, reply="已调解"),
            by=LIAISON,
            at=at,
        ),
        lambda: case.rate(rating=Satisfaction.SATISFIED, by=RESIDENT, at=at),
        lambda: case.close(by=SUPERVISOR, at=at),
    ]
    seen = []
    for step in [lambda: (), *steps]:
        step()
        records = json.loads(requests_to_json([case]))
        REQUEST_LIST.validate(records)
        check_request_rules(records[0])
        seen.append(records[0]["status"])

    assert seen == ["open"] * 5 + ["closed"]


def test_a_post_the_description_accepts_opens_a_case_whose_record_it_accepts() -> None:
    form = {
        "service_code": "hazard",
        "description": "井盖缺失，联系13800138000",
        "address_id": "150603001001",
        "lat": 39.6,
        "long": 109.8,
        "phone": "13800138000",
    }
    POST.validate(form)

    case = Case.open(
        **case_arguments(
            form,
            id="c-post",
            resident="p-resident",
            grid="g-1",
            policy=EscalationPolicy.kangbashi(),
            by=RESIDENT,
            at=dt.datetime(2024, 10, 8, 9, tzinfo=SHANGHAI),
        )
    )
    records = json.loads(requests_to_json([case]))

    REQUEST_LIST.validate(records)
    check_request_rules(records[0])
    assert "13800138000" not in json.dumps(records, ensure_ascii=False)


# --- properties ----------------------------------------------------------------------------

_AROUND = st.text(alphabet="社区楼号室电话身份证 ，。-+0123456789abcX", max_size=8)


@st.composite
def written_phones(draw: st.DrawFn) -> tuple[PhoneNumber, str]:
    """A phone number and the way a resident might have typed it."""
    phone = draw(phone_numbers())
    d = phone.reveal()
    sep = draw(st.sampled_from(["", " ", "-"]))
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "86-"]))
    return phone, prefix + sep.join((d[:3], d[3:7], d[7:]))


@st.composite
def written_cards(draw: st.DrawFn) -> tuple[IdCardNumber, str]:
    """An ID-card number and the way it might have been typed."""
    card = draw(id_card_numbers())
    n = card.reveal()
    sep = draw(st.sampled_from(["", " "]))
    text = sep.join((n[:6], n[6:14], n[14:]))
    return card, text.lower() if draw(st.booleans()) else text


@given(
    phone=written_phones(),
    card=written_cards(),
    before=_AROUND,
    between=_AROUND,
    after=_AROUND,
    category=st.sampled_from(list(CaseCategory)),
)
def test_no_phone_or_id_number_reaches_a_record_however_it_is_written(
    phone: tuple[PhoneNumber, str],
    card: tuple[IdCardNumber, str],
    before: str,
    between: str,
    after: str,
    category: CaseCategory,
) -> None:
    number, typed_phone = phone
    id_card, typed_card = card
    summary = f"{before}{typed_phone}{between}{typed_card}{after}" or "x"
    case = open_case(summary, category=category)
    case.give_feedback(message=f"请拨{typed_phone}", by=LIAISON, at=case.last_at)

    text = requests_to_json([case])

    for secret in (number.reveal(), id_card.reveal(), id_card.reveal()[:17]):
        assert secret not in text
    assert id_card.reveal()[6:14] not in text  # the birth date
    # The eight digits a masked number hides and keeps, outside the codes the record names
    # on purpose (a community code can hold the same run of digits).
    public = text.replace(str(case.community), "")
    assert number.reveal()[3:7] + number.reveal()[7:] not in public
    assert '"p-resident"' not in text
    REQUEST_LIST.validate(json.loads(text))


class Open311Machine(CaseMachine):
    """The shipped case machine, with the public record checked after every step."""

    @invariant()
    def the_record_meets_georeport(self) -> None:
        records = json.loads(requests_to_json([self.case]))
        REQUEST_LIST.validate(records)
        check_request_rules(records[0])
        assert records[0]["status"] == ("closed" if self.case.status.is_final else "open")
        assert "p-resident" not in json.dumps(records, ensure_ascii=False)

    @invariant()
    def after_a_transfer_the_centre_answers_and_every_unit_is_named(self) -> None:
        record = service_request(self.case)
        owner = self.case.owner
        if owner is None:
            return
        assert record["agency_responsible"] == owner
        notes = record["status_notes"]
        for part in self.case.unit_parts:
            assert part.unit in notes
        if self.case.unit_parts:
            assert notes.index("牵头单位") < notes.index(self.case.unit_parts[0].unit)


TestOpen311Machine = Open311Machine.TestCase
# Bounded: the full case machine runs in tests/stateful; this one only adds the record.
TestOpen311Machine.settings = settings(
    settings.get_profile("ci"),
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=(HealthCheck.too_slow, HealthCheck.filter_too_much),
)


@pytest.mark.parametrize("code", [s.service_code for s in DEFAULT_CATALOGUE.services])
def test_every_default_service_opens_its_category(code: str) -> None:
    kwargs = case_arguments(
        {"service_code": code, "description": "事项", "address_id": "150603001001"},
        id="c-1",
        resident="p-resident",
        grid="g-1",
        policy=EscalationPolicy.kangbashi(),
        by=RESIDENT,
        at=dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI),
    )

    assert kwargs["category"] is DEFAULT_CATALOGUE.service(code).category
    assert service_request(Case.open(**kwargs))["service_code"] == code
