"""Open311 GeoReport v2: the service list, cases as requests, a POST as a case, the command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from wulian_core import open311
from wulian_core.calendar import SHANGHAI
from wulian_core.cli import main
from wulian_core.errors import InvalidValue, NotFound
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
    Open311Catalogue,
    Open311Service,
    case_arguments,
    mask_personal_numbers,
    requests_to_json,
    service_list,
    service_request,
    service_requests,
    services_to_json,
)

YUEHE = RegionCode("150603001001")
MONDAY = dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI)  # the last working day before 国庆
RESIDENT = Actor("p-resident")
LIAISON = Actor("p-liaison", {Grant(Role.LIAISON, Scope.grid("g-1"))})
GRID = Actor("p-grid", {Grant(Role.FULL_TIME_GRID_WORKER, Scope.grid("g-1"))})
SECRETARY = Actor("p-secretary", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(YUEHE))})
CENTRE = Actor("p-centre", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-centre"))})
SUPERVISOR = Actor("p-supervisor", {Grant(Role.SUPERVISOR, Scope.region(RegionCode("150603")))})
PHONE = "13800138000"
ID_CARD = "11010519491231002X"


def open_case(
    summary: str = "楼上漏水", *, channel: CaseChannel = CaseChannel.IN_PERSON, case_id: str = "c-1"
) -> Case:
    return Case.open(
        id=case_id,
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=channel,
        summary=summary,
        policy=EscalationPolicy.kangbashi(),
        by=RESIDENT,
        at=MONDAY,
        home_agency="agency-centre",
    )


def post(**fields: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "service_code": "dispute",
        "description": "楼道堆物影响通行",
        "address_id": "150603001001",
    }
    form.update(fields)
    return {name: value for name, value in form.items() if value is not None}


def arguments(form: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    keywords: dict[str, Any] = {
        "id": "c-9",
        "resident": "p-resident",
        "grid": "g-1",
        "policy": EscalationPolicy.kangbashi(),
        "by": RESIDENT,
        "at": MONDAY,
    }
    keywords.update(overrides)
    return case_arguments(form, **keywords)


# --- the service list ----------------------------------------------------------------------


def test_the_default_service_list_offers_the_four_case_categories_in_chinese() -> None:
    services = service_list()

    assert [s["service_code"] for s in services] == [c.value for c in CaseCategory]
    assert [s["service_name"] for s in services] == [c.label_zh for c in CaseCategory]
    assert {s["metadata"] for s in services} == {False}
    assert {s["type"] for s in services} == {"realtime"}
    assert all(s["keywords"] and s["group"] and s["description"] for s in services)


def test_a_catalogue_of_its_own_gives_its_own_list_and_publishes_cases_under_it() -> None:
    catalogue = Open311Catalogue(
        services=[
            Open311Service(
                service_code="noise",
                service_name="噪音扰民",
                description="噪音",
                category=CaseCategory.DISPUTE,
                keywords=["噪音"],
                group="矛盾纠纷",
            )
        ]
    )

    assert [s["service_code"] for s in service_list(catalogue)] == ["noise"]
    record = service_request(open_case(), catalogue=catalogue)
    assert (record["service_code"], record["service_name"]) == ("noise", "噪音扰民")


def test_a_policy_file_that_lists_its_services_offers_them() -> None:
    from wulian_core import policies

    text = """
name = "悦和社区"
[[levels]]
id = "grid"
label_zh = "网格员"
role = "grid_team"
accept = { amount = 1, unit = "working_days" }
resolve = { amount = 2, unit = "working_days" }
[[intakes]]
channel = "platform"
level = "grid"
[[services.services]]
service_code = "noise"
service_name = "噪音扰民"
description = "噪音"
category = "dispute"
keywords = ["噪音", "扰民"]
group = "矛盾纠纷"
"""
    policy = policies.load_escalation(text)

    assert [(s["service_code"], s["keywords"]) for s in service_list(policy)] == [
        ("noise", "噪音,扰民")
    ]
    assert service_list(policies.load_escalation("kangbashi")) == service_list()


def test_a_case_whose_category_the_catalogue_lacks_is_named_not_found() -> None:
    catalogue = Open311Catalogue(services=[DEFAULT_CATALOGUE.service("hazard")])

    with pytest.raises(NotFound, match="service for case category 'dispute'"):
        service_request(open_case(), catalogue=catalogue)


def test_a_catalogue_refuses_twice_the_same_code_and_no_services() -> None:
    hazard = DEFAULT_CATALOGUE.service("hazard")

    with pytest.raises(InvalidValue, match="service_code appears twice"):
        Open311Catalogue(services=[hazard, hazard])
    with pytest.raises(InvalidValue, match="at least one service"):
        Open311Catalogue(services=[])
    with pytest.raises(InvalidValue, match="Open311Catalogue.services"):
        Open311Catalogue(services=["hazard"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"service_code": ""}, "service_code"),
        ({"service_name": "  "}, "service_name"),
        ({"description": 3}, "description"),
        ({"category": "dispute"}, "category"),
        ({"keywords": "噪音"}, "keywords"),
        ({"keywords": ["噪音,扰民"]}, "keywords"),
        ({"group": ""}, "group"),
    ],
)
def test_a_service_refuses_bad_fields_by_name(changes: dict[str, Any], field: str) -> None:
    good: dict[str, Any] = {
        "service_code": "noise",
        "service_name": "噪音扰民",
        "description": "噪音",
        "category": CaseCategory.DISPUTE,
        "keywords": ("噪音",),
        "group": "矛盾纠纷",
    }

    with pytest.raises(InvalidValue, match=f"Open311Service.{field}"):
        Open311Service(**{**good, **changes})


def test_functions_refuse_what_is_not_a_policy_or_a_catalogue() -> None:
    with pytest.raises(InvalidValue, match="service_list.source: must be an EscalationPolicy"):
        service_list("default")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="services_to_json.source"):
        services_to_json(DEFAULT_CATALOGUE.services)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "policy",
    [
        EscalationPolicy.four_levels_seven_days(),
        EscalationPolicy.kangbashi(),
        EscalationPolicy.kangbashi_routes(),
        EscalationPolicy.five_levels(),
    ],
    ids=lambda policy: policy.name,
)
def test_the_service_list_of_a_preset_policy_is_the_four_case_categories(
    policy: EscalationPolicy,
) -> None:
    assert service_list(policy) == service_list(DEFAULT_CATALOGUE) == service_list()
    assert [s["service_code"] for s in service_list(policy)] == [c.value for c in CaseCategory]


def test_the_service_list_comes_from_the_catalogue_in_the_policy() -> None:
    noise = Open311Service(
        service_code="noise",
        service_name="噪音扰民",
        description="噪音",
        category=CaseCategory.DISPUTE,
        group="矛盾纠纷",
    )
    ours = Open311Catalogue(services=(noise, *DEFAULT_CATALOGUE.services))
    policy = attrs.evolve(EscalationPolicy.kangbashi_routes(), services=ours)

    codes = [s["service_code"] for s in service_list(policy)]

    assert codes == ["noise", *(c.value for c in CaseCategory)]
    assert json.loads(services_to_json(policy)) == service_list(policy) == service_list(ours)


# --- cases as requests ---------------------------------------------------------------------


def test_a_new_case_is_an_open_request_due_after_the_national_day_holiday() -> None:
    record = service_request(open_case())

    assert record == {
        "service_request_id": "c-1",
        "status": "open",
        "status_notes": "待签收（睦邻党群联络员）",
        "service_code": "dispute",
        "service_name": "矛盾纠纷",
        "description": "楼上漏水",
        "agency_responsible": "睦邻党群联络员",
        "service_notice": "康巴什矛盾纠纷联排联化：睦邻党群联络员1个工作日内签收，1个工作日内办结",
        "requested_datetime": "2024-09-30T10:00:00+08:00",
        "updated_datetime": "2024-09-30T10:00:00+08:00",
        # One working day: 10-01 to 10-07 are the holiday, so the end of Tuesday 10-08.
        "expected_datetime": "2024-10-09T00:00:00+08:00",
        "address_id": "150603001001",
    }


def test_a_case_at_the_agency_names_the_agency_and_its_feedback() -> None:
    case = open_case()
    case.escalate(reason="调解未果", by=LIAISON, at=MONDAY)
    case.accept(by=GRID, at=MONDAY)
    case.escalate(reason="需社区协调", by=GRID, at=MONDAY)
    case.accept(by=SECRETARY, at=MONDAY)
    case.escalate(reason="涉及多个部门", by=SECRETARY, at=MONDAY)
    later = MONDAY + dt.timedelta(hours=2)
    case.accept(by=CENTRE, at=later)
    case.give_feedback(message=f"已受理，请保持电话{PHONE}畅通", by=CENTRE, at=later)
    case.supervise(reason="群众反映强烈", by=SUPERVISOR, at=later)

    record = service_request(case, agency_names={"agency-centre": "矛盾纠纷多元化解中心"})

    assert record["agency_responsible"] == "矛盾纠纷多元化解中心"
    assert record["status_notes"] == "办理中（专门机构），督办；已受理，请保持电话138****8000畅通"
    assert record["updated_datetime"] == "2024-09-30T12:00:00+08:00"
    assert record["expected_datetime"] == case.resolve_due.isoformat()  # type: ignore[union-attr]
    assert service_request(case)["agency_responsible"] == "agency-centre"


HOUSING = Actor("p-housing", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-housing"))})
POLICE = Actor("p-police", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-police"))})
NAMES = {
    "agency-centre": "矛盾纠纷多元化解中心",
    "agency-housing": "区住建局",
    "agency-police": "派出所",
}


def transferred_case() -> Case:
    """A dispute climbed to the centre on the Monday before 国庆 and transferred (转办)."""
    case = Case.open(
        id="c-1",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.PLATFORM,
        summary="楼上漏水，多次协商未果",
        policy=EscalationPolicy.kangbashi_routes(),
        by=RESIDENT,
        at=MONDAY,
        home_agency="agency-centre",
    )
    case.accept(by=GRID, at=MONDAY)
    case.escalate(reason="需多部门处置", by=GRID, at=MONDAY + dt.timedelta(hours=1))
    case.accept(by=CENTRE, at=MONDAY + dt.timedelta(hours=2))
    case.transfer(
        lead="agency-housing",
        co_units=["agency-police"],
        by=CENTRE,
        at=MONDAY + dt.timedelta(hours=3),
        note="住建牵头，派出所协办",
    )
    return case


def test_after_transfer_the_centre_is_responsible_and_the_units_are_in_the_notes() -> None:
    case = transferred_case()

    record = service_request(case, agency_names=NAMES)

    # The centre keeps the case (转办后仍由中心跟踪、答复、结案): GeoReport's "agency
    # responsible for fulfilling or otherwise addressing the service request".
    assert record["agency_responsible"] == "矛盾纠纷多元化解中心"
    assert record["status_notes"] == (
        "待签收（专门机构）；转办牵头单位区住建局（待签收），协办单位派出所（待签收）"
    )
    assert service_request(case)["agency_responsible"] == "agency-centre"
    # Kangbashi's procedure: each co-unit accepts within 1 working day, reports within 3.
    assert record["service_notice"] == (
        "康巴什区矛盾纠纷联排联化工作办法：专门机构1个工作日内签收，5个工作日内办结；"
        "协办单位1个工作日内签收，签收后3个工作日内回单"
    )


def test_each_units_part_shows_in_the_notes_as_it_goes() -> None:
    case = transferred_case()
    after_holiday = dt.datetime(2024, 10, 8, 9, tzinfo=SHANGHAI)
    case.accept(by=HOUSING, at=after_holiday)
    case.accept_part(by=POLICE, at=after_holiday)
    case.report_back(report="已现场核查", by=POLICE, at=after_holiday + dt.timedelta(hours=3))

    record = service_request(case, agency_names=NAMES)

    assert record["agency_responsible"] == "矛盾纠纷多元化解中心"
    assert record["status_notes"] == (
        "办理中（专门机构）；转办牵头单位区住建局（已签收），协办单位派出所（已反馈）"
    )


def test_a_unit_excused_or_late_is_said_so_in_the_notes() -> None:
    case = transferred_case()
    late = dt.datetime(2024, 10, 10, 9, tzinfo=SHANGHAI)  # 签收 was due by the end of 10-08
    case.accept(by=HOUSING, at=late)
    case.excuse_unit(unit="agency-police", reason="派出所已另案处理", by=CENTRE, at=late)

    notes = service_request(case, agency_names=NAMES)["status_notes"]

    assert "区住建局（已签收，逾期）" in notes
    assert "派出所（中心决定不待其反馈）" in notes


def test_a_closed_case_is_a_closed_request_with_its_reply_and_no_expected_time() -> None:
    case = open_case()
    case.accept(by=LIAISON, at=MONDAY)
    done = CaseResult(resident_contacted=True, solved=True, reply="已调解，双方达成一致")
    case.resolve(result=done, by=LIAISON, at=MONDAY + dt.timedelta(hours=1))
    resolved = service_request(case)
    case.rate(rating=Satisfaction.SATISFIED, by=RESIDENT, at=MONDAY + dt.timedelta(hours=2))
    case.close(by=SUPERVISOR, at=MONDAY + dt.timedelta(hours=3))

    record = service_request(case)

    assert resolved["status"] == "open"  # 办结 awaits the rating and 结案
    assert resolved["status_notes"] == "已办结（睦邻党群联络员）；已调解，双方达成一致"
    assert record["status"] == "closed"
    assert record["status_notes"] == "已结案（睦邻党群联络员）；已调解，双方达成一致"
    assert record["expected_datetime"] is None
    assert record["updated_datetime"] == "2024-09-30T13:00:00+08:00"


def test_a_withdrawn_case_is_closed() -> None:
    case = open_case()
    case.withdraw(reason="已自行协商解决", by=RESIDENT, at=MONDAY)

    record = service_request(case)

    assert record["status"] == "closed"
    assert record["status_notes"] == "已撤回（睦邻党群联络员）"


def test_a_missed_deadline_shows_in_the_notes() -> None:
    case = open_case()
    case.urge(note="请尽快签收", by=SUPERVISOR, at=dt.datetime(2024, 10, 10, 9, tzinfo=SHANGHAI))

    assert "已逾期" in service_request(case)["status_notes"]


def test_instants_are_written_in_shanghai_time_whatever_zone_they_came_in() -> None:
    case = Case.open(
        id="c-utc",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.APPEAL,
        channel=CaseChannel.IN_PERSON,
        summary="咨询",
        policy=EscalationPolicy.kangbashi(),
        by=RESIDENT,
        at=dt.datetime(2024, 9, 30, 2, tzinfo=dt.UTC),
    )

    assert service_request(case)["requested_datetime"] == "2024-09-30T10:00:00+08:00"


def test_the_resident_and_their_numbers_never_reach_the_record() -> None:
    case = open_case(f"我是p-resident，电话{PHONE}，身份证{ID_CARD}")

    text = requests_to_json([case])

    assert PHONE not in text
    assert ID_CARD not in text
    assert PhoneNumber(PHONE).masked() in text
    assert IdCardNumber(ID_CARD).masked() in text
    assert '"p-resident"' not in text
    assert "resident" not in json.loads(text)[0]


def test_requests_are_ordered_by_request_time_then_id_and_the_text_is_deterministic() -> None:
    late = Case.open(
        id="a-late",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.HAZARD,
        channel=CaseChannel.IN_PERSON,
        summary="井盖缺失",
        policy=EscalationPolicy.kangbashi(),
        by=RESIDENT,
        at=MONDAY + dt.timedelta(minutes=5),
    )
    cases = [late, open_case(case_id="c-2"), open_case(case_id="c-1")]

    ids = [r["service_request_id"] for r in service_requests(cases)]

    assert ids == ["c-1", "c-2", "a-late"]
    assert requests_to_json(cases) == requests_to_json(reversed(cases))
    assert json.loads(requests_to_json(cases)) == service_requests(cases)


def test_the_service_list_text_is_the_list() -> None:
    assert json.loads(services_to_json()) == service_list()
    assert services_to_json() == services_to_json()


def test_requests_refuse_what_is_not_cases() -> None:
    with pytest.raises(InvalidValue, match="service_requests.cases"):
        service_requests(open_case())  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="service_request.case"):
        service_request("c-1")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="agency_names"):
        service_request(open_case(), agency_names=["agency-centre"])  # type: ignore[arg-type]


# --- masking -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话13800138000。", "电话138****8000。"),
        ("电话 138 0013 8000", "电话 138****8000"),
        ("电话+86-138-0013-8000", "电话138****8000"),
        ("座机0477-8581234", "座机047****1234"),
        ("身份证110105194912310021号", "身份证110105********0021号"),
        ("身份证 110105 19491231 002x", "身份证 110105********002X"),
        ("卡号6222021234567890123", "卡号622****0123"),
        ("电话5138-0013-8000", "电话513****8000"),
        ("１３８００１３８０００", "１３８****８０００"),
        ("3号楼2单元501室，2024年9月30日", "3号楼2单元501室，2024年9月30日"),
        ("", ""),
    ],
)
def test_numbers_are_masked_in_the_models_own_form(text: str, masked: str) -> None:
    assert mask_personal_numbers(text) == masked


def test_masking_refuses_what_is_not_text() -> None:
    with pytest.raises(InvalidValue, match="mask_personal_numbers.text"):
        mask_personal_numbers(13800138000)  # type: ignore[arg-type]


# --- a POST as a case ----------------------------------------------------------------------


def test_a_georeport_post_opens_a_real_case_on_the_platform_route() -> None:
    form = post(phone=PHONE, email="resident@example.org", first_name="芳", lat="39.6", long=109.8)

    case = Case.open(**arguments(form))

    assert case.id == "c-9"
    assert case.category is CaseCategory.DISPUTE
    assert case.channel is CaseChannel.PLATFORM
    assert case.community == YUEHE
    assert case.summary == "楼道堆物影响通行"
    assert case.level.id == EscalationPolicy.kangbashi().entry_level(CaseChannel.PLATFORM).id
    record = service_request(case)
    assert record["service_code"] == "dispute"
    assert record["address_id"] == form["address_id"]


def test_a_post_with_an_address_string_takes_the_community_the_app_found() -> None:
    form = post(address_id=None, address_string="悦和社区3号楼")

    kwargs = arguments(form, community=YUEHE, channel=CaseChannel.HOTLINE)

    assert kwargs["community"] == YUEHE
    assert kwargs["channel"] is CaseChannel.HOTLINE
    assert "悦和社区3号楼" not in kwargs["summary"]


def test_a_post_leaves_every_contact_field_out_of_the_case() -> None:
    kwargs = arguments(post(phone=PHONE, email="a@b.cn", account_id="acc-1", device_id="d-1"))

    assert set(kwargs) == {
        "id",
        "resident",
        "community",
        "grid",
        "category",
        "channel",
        "summary",
        "policy",
        "by",
        "at",
        "home_agency",
    }
    assert PHONE not in repr(kwargs)


@pytest.mark.parametrize(
    ("form", "error", "message"),
    [
        (post(service_code=None), InvalidValue, "service_code: is required"),
        (post(service_code="graffiti"), NotFound, "no service_code 'graffiti'"),
        (post(service_code=7), InvalidValue, "service_code: must be a string"),
        (post(description=None), InvalidValue, "description: is required"),
        (post(description="   "), InvalidValue, "description: is required"),
        (post(description="长" * 2001), InvalidValue, "description: must be at most 2000"),
        (post(description="长" * 4001), InvalidValue, "description: must be at most 4000"),
        (post(address_id=None), InvalidValue, "address_id: a location is required"),
        (post(address_id="15060300100"), InvalidValue, "address_id: must be a 12-digit"),
        (post(address_id="150603001"), InvalidValue, "address_id: names a township"),
        (post(address_id=None, lat="39.6"), InvalidValue, "long: lat and long go together"),
        (post(lat="north", long="1"), InvalidValue, "lat: must be a decimal number"),
        (post(lat=91, long=1), InvalidValue, "lat: must lie between -90 and 90"),
        (post(lat=1, long=float("nan")), InvalidValue, "long: must lie between"),
        (post(lat=True, long=1), InvalidValue, "lat: must be a number"),
        (post(phone="12345"), InvalidValue, "phone: must be an 11-digit mobile"),
        (post(email="not-an-address"), InvalidValue, "email: must be an e-mail address"),
        (post(**{"attribute[WHISPER]": "x"}), InvalidValue, "take no attributes"),
        (post(resident="p-1"), InvalidValue, "resident: is not a GeoReport v2 POST field"),
    ],
)
def test_a_bad_post_is_refused_naming_the_field(
    form: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message.replace("[", r"\[")):
        arguments(form)


def test_a_post_whose_address_id_differs_from_the_community_given_is_refused() -> None:
    with pytest.raises(InvalidValue, match="address_id: differs from the community given"):
        arguments(post(), community=RegionCode("150603001002"))


def test_a_post_with_a_location_but_no_community_is_refused() -> None:
    with pytest.raises(InvalidValue, match="address_id: is required unless the app passes"):
        arguments(post(address_id=None, lat="39.6", long="109.8"))


def test_a_bad_phone_in_a_post_is_never_shown_whole() -> None:
    with pytest.raises(InvalidValue) as caught:
        arguments(post(phone="1380013800012"))

    assert "1380013800012" not in str(caught.value)


def test_a_post_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(InvalidValue, match="post: must be a mapping"):
        arguments([("service_code", "dispute")])  # type: ignore[arg-type]


# --- the command ---------------------------------------------------------------------------


def test_the_command_writes_the_requests_of_a_demo_quarter(tmp_path: Path) -> None:
    target = tmp_path / "requests.json"

    assert main(["open311", "requests", "--seed", "1", "-o", str(target)]) == 0
    records = json.loads(target.read_text(encoding="utf-8"))

    assert len(records) > 100
    assert {r["status"] for r in records} == {"open", "closed"}
    assert any(r["agency_responsible"].startswith("康巴什区") for r in records)
    assert main(["open311", "requests", "--seed", "1", "-o", str(tmp_path / "again.json")]) == 0
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == target.read_text(
        encoding="utf-8"
    )


def test_the_command_without_records_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["open311"]) == 2
    assert capsys.readouterr().err.strip() == (
        "wulian open311: say which records: wulian open311 requests or wulian open311 services"
    )


def test_the_command_writes_the_requests_of_the_cases_an_event_store_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wulian_core.examples import case_transferred
    from wulian_core.store import SQLiteStore

    path = tmp_path / "cases.sqlite"
    store = SQLiteStore(path)
    store.create()
    moved = case_transferred()[0]
    with store.unit_of_work() as uow:
        uow.cases.add(open_case(case_id="c-2"))
        uow.cases.add(moved)
        uow.commit()
    store.close()

    assert main(["open311", "requests", "--store", str(path)]) == 0
    records = json.loads(capsys.readouterr().out)

    # Ordered by request time: the transferred case was opened on 09-26, c-2 on 09-30.
    assert [r["service_request_id"] for r in records] == [moved.id, "c-2"]
    assert records[0]["agency_responsible"] == "agency-centre"  # the centre keeps it
    assert "转办牵头单位agency-1" in records[0]["status_notes"]
    assert records == service_requests([moved, open_case(case_id="c-2")])


def test_the_command_refuses_a_store_that_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["open311", "requests", "--store", str(tmp_path / "none.sqlite")]) == 2
    assert "none.sqlite: no such store" in capsys.readouterr().err


def test_the_command_writes_a_policys_service_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["open311", "services"]) == 0
    assert json.loads(capsys.readouterr().out) == service_list(EscalationPolicy.kangbashi_routes())

    own = tmp_path / "own.toml"
    text = Path(__file__).parent.parent / "src/wulian_core/_escalation/policies/kangbashi.toml"
    own.write_text(
        text.read_text(encoding="utf-8")
        + '\n[[services.services]]\nservice_code = "noise"\nservice_name = "噪音扰民"\n'
        + 'description = "噪音"\ncategory = "dispute"\ngroup = "矛盾纠纷"\n',
        encoding="utf-8",
    )
    target = tmp_path / "services.json"
    assert main(["open311", "services", "--policy", str(own), "-o", str(target)]) == 0
    assert [s["service_code"] for s in json.loads(target.read_text(encoding="utf-8"))] == ["noise"]


def test_the_public_names_have_runnable_examples() -> None:
    missing = [
        name
        for name in open311.__all__
        if (callable(getattr(open311, name)) or isinstance(getattr(open311, name), type))
        and ">>>" not in (getattr(open311, name).__doc__ or "")
    ]

    assert open311.__all__ == sorted(open311.__all__)
    assert missing == []
