"""Routes as data, and the street level: where a case goes up, by channel and category.

Kangbashi: a case met in person climbs liaison → grid → secretary → agency; a platform
report the grid team cannot handle goes straight to the agency. The five-level chain
puts the street office (街道) between the community and the agency. Dates run across
National Day 2024 (10-01 to 10-07 off; Sunday 09-29 and Saturday 10-12 worked).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from wulian_core import codec, policies
from wulian_core.calendar import SHANGHAI, TimeLimit
from wulian_core.errors import (
    DecodeError,
    EscalationPolicyError,
    InvalidValue,
    PermissionDenied,
)
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseResult,
    EscalationLevel,
    EscalationPolicy,
    Intake,
    LevelRole,
    Open311Catalogue,
    Open311Service,
    Route,
    Satisfaction,
    sweep,
)
from wulian_core.examples import case_people
from wulian_core.open311 import service_request
from wulian_core.people import Actor, Grant, Post, Role, Scope
from wulian_core.regions import RegionCode

YUEHE = RegionCode("150603001001")
WHO = case_people()
SOLVED = CaseResult(resident_contacted=True, solved=True, reply="已处理")


def at(m: int, d: int, h: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(2024, m, d, h, minute, tzinfo=SHANGHAI)


def open_case(
    policy: EscalationPolicy,
    channel: CaseChannel = CaseChannel.PLATFORM,
    when: dt.datetime | None = None,
    category: CaseCategory = CaseCategory.COMPLAINT_OR_SUGGESTION,
) -> Case:
    return Case.open(
        id="case-r",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=category,
        channel=channel,
        summary="小区路灯长期不亮",
        policy=policy,
        by=WHO.resident,
        at=when or at(9, 27, 15),
        home_agency="agency-centre",
    )


# --- routes -------------------------------------------------------------------------------


def test_a_platform_report_goes_from_the_grid_team_straight_to_the_agency() -> None:
    case = open_case(EscalationPolicy.kangbashi_routes())
    case.accept(by=WHO.grid_worker, at=at(9, 27, 16))

    case.escalate(reason="网格无法处置", by=WHO.grid_worker, at=at(9, 29, 10))

    assert (case.level.id, case.agency) == ("agency", "agency-centre")
    # 签收 within a working day of Sunday 09-29 (worked): Monday 09-30.
    assert case.accept_due == at(10, 1)


def test_a_platform_report_may_go_to_the_secretary_instead_when_asked() -> None:
    case = open_case(EscalationPolicy.kangbashi_routes())
    case.accept(by=WHO.grid_worker, at=at(9, 27, 16))

    case.escalate(reason="需社区协调", by=WHO.grid_worker, at=at(9, 27, 17), to="community")

    assert case.level.id == "community"


def test_a_case_met_in_person_climbs_through_the_secretary_and_no_other_way() -> None:
    case = open_case(EscalationPolicy.kangbashi_routes(), CaseChannel.IN_PERSON)
    case.escalate(reason="联络员调解未果", by=WHO.liaison, at=at(9, 27, 16))
    before = case.events

    with pytest.raises(InvalidValue, match=r"Case.escalate.to: .* \(community\)"):
        case.escalate(reason="越级", by=WHO.grid_worker, at=at(9, 27, 17), to="agency")

    assert case.events == before
    case.escalate(reason="需社区协调", by=WHO.grid_worker, at=at(9, 27, 17))
    assert case.level.id == "community"


def test_an_unknown_target_is_refused_and_changes_nothing() -> None:
    case = open_case(EscalationPolicy.kangbashi_routes())
    before = case.events

    with pytest.raises(InvalidValue, match="Case.escalate.to") as caught:
        case.escalate(reason="x", by=WHO.grid_worker, at=at(9, 27, 16), to="street")

    assert "agency, community" in str(caught.value)
    assert case.events == before


def test_the_clock_takes_the_policys_route_for_a_platform_report() -> None:
    case = open_case(EscalationPolicy.kangbashi_routes())

    # The grid team's two working days run out at the end of Monday 09-30.
    events = sweep([case], now=at(10, 1, 9))

    escalated = [e for e in events if e.kind == "case.escalated"]
    assert [(e.level, e.agency, e.at) for e in escalated] == [
        ("agency", "agency-centre", at(10, 1))
    ]


def test_reopening_twice_sends_a_platform_report_up_the_route() -> None:
    case = open_case(EscalationPolicy.kangbashi_routes())
    for hour in (16, 18):
        case.accept(by=WHO.grid_worker, at=at(9, 27, hour))
        case.resolve(result=SOLVED, by=WHO.grid_worker, at=at(9, 27, hour))
        case.rate(rating=Satisfaction.UNSATISFIED, by=WHO.resident, at=at(9, 27, hour, 30))
        case.reopen(reason="仍未修复", by=WHO.supervisor, at=at(9, 27, hour, 40))

    assert case.level.id == "agency"


def test_policy_next_levels_checks_its_arguments() -> None:
    policy = EscalationPolicy.kangbashi_routes()

    with pytest.raises(InvalidValue, match="next_levels.channel"):
        policy.next_levels("grid", channel="platform", category=CaseCategory.APPEAL)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="names no level"):
        policy.next_levels("street", channel=CaseChannel.PLATFORM, category=CaseCategory.APPEAL)
    assert (
        policy.next_levels("agency", channel=CaseChannel.PLATFORM, category=CaseCategory.APPEAL)
        == ()
    )


def test_a_route_by_category_overrides_the_level_and_the_first_match_wins() -> None:
    base = EscalationPolicy.kangbashi()
    policy = attrs.evolve(
        base,
        routes=(
            Route(level="grid", to="agency", category=CaseCategory.HAZARD),
            Route(level="grid", to="community", channel=CaseChannel.PLATFORM),
        ),
    )

    hazard = policy.next_levels("grid", channel=CaseChannel.PLATFORM, category=CaseCategory.HAZARD)
    appeal = policy.next_levels("grid", channel=CaseChannel.PLATFORM, category=CaseCategory.APPEAL)

    assert (hazard, appeal) == (("agency",), ("community",))


def _with(**changes: object) -> dict[str, object]:
    base = EscalationPolicy.kangbashi()
    return {"name": "x", "levels": base.levels, "intakes": base.intakes, **changes}


def test_a_bad_route_graph_names_every_problem_with_its_path() -> None:
    with pytest.raises(EscalationPolicyError) as caught:
        EscalationPolicy(
            **_with(
                routes=(
                    Route(level="grid", to="street"),
                    Route(level="agency", to="grid"),
                    Route(level="grid", to="grid"),
                ),
            )
        )

    located = dict(caught.value.located)
    assert "names no level 'street'" in located["routes[0].to"]
    assert "names the top level 'agency'" in located["routes[1].level"]
    assert "never taken" in located["routes[2]"]
    assert "the route's own level" in located["routes[2].to"]


def test_alternatives_need_a_default_and_the_top_escalates_nowhere() -> None:
    levels = list(EscalationPolicy.kangbashi().levels)
    levels[3] = attrs.evolve(levels[3], escalates_to="grid")
    levels[1] = attrs.evolve(levels[1], alternatives=("grid",))

    with pytest.raises(EscalationPolicyError) as caught:
        EscalationPolicy(**_with(levels=levels))

    located = dict(caught.value.located)
    assert "names level 'grid' itself" in located["levels[1].alternatives[0]"]
    assert "the top: it escalates nowhere" in located["levels[3].escalates_to"]


def test_a_default_route_in_a_cycle_traps_the_clock_even_with_a_way_out() -> None:
    levels = list(EscalationPolicy.kangbashi().levels)
    # community goes back to the grid by default; only its alternative leads to the agency.
    levels[2] = attrs.evolve(levels[2], escalates_to="grid", alternatives=("agency",))

    with pytest.raises(EscalationPolicyError) as caught:
        EscalationPolicy(**_with(levels=levels))

    assert "grid → community → grid: auto-escalation never reaches the top" in str(caught.value)


def test_a_cycle_without_a_way_out_is_refused_through_the_codec_too() -> None:
    levels = list(EscalationPolicy.kangbashi().levels)
    levels[2] = attrs.evolve(levels[2], escalates_to="grid")
    text = codec.to_json(EscalationPolicy.kangbashi())
    bad = text.replace('"escalates_to":"agency"', '"escalates_to":"grid"')

    with pytest.raises(DecodeError, match="a cycle without a way out"):
        codec.from_json(EscalationPolicy, bad)


def test_a_route_checks_its_own_values() -> None:
    with pytest.raises(InvalidValue, match="Route.channel"):
        Route(level="grid", to="agency", channel="platform")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="Route.alternatives"):
        Route(level="grid", to="agency", alternatives=("community", "community"))


def test_routes_and_services_round_trip_and_stay_out_of_json_when_unset() -> None:
    service = Open311Service(
        service_code="noise",
        service_name="噪音扰民",
        description="噪音",
        category=CaseCategory.DISPUTE,
        group="矛盾纠纷",
    )
    policy = attrs.evolve(
        EscalationPolicy.kangbashi_routes(), services=Open311Catalogue(services=[service])
    )

    assert codec.from_json(EscalationPolicy, codec.to_json(policy)) == policy
    plain = codec.to_json(EscalationPolicy.kangbashi())
    assert '"routes"' not in plain and '"services"' not in plain and '"alternatives"' not in plain
    assert EscalationPolicy.kangbashi().services == Open311Catalogue.default()


def test_open311_publishes_a_case_under_its_own_policys_catalogue() -> None:
    service = Open311Service(
        service_code="street-light",
        service_name="路灯报修",
        description="路灯不亮",
        category=CaseCategory.COMPLAINT_OR_SUGGESTION,
        group="市政设施",
    )
    policy = attrs.evolve(
        EscalationPolicy.kangbashi(), services=Open311Catalogue(services=[service])
    )

    record = service_request(open_case(policy))

    assert (record["service_code"], record["service_name"]) == ("street-light", "路灯报修")


def test_the_bundled_kangbashi_procedure_is_the_preset_with_its_two_routes() -> None:
    assert policies.bundled_escalation() == ("kangbashi",)
    policy = policies.load_escalation("kangbashi")

    assert policy == EscalationPolicy.kangbashi_routes()
    assert (
        policy.next_levels("grid", channel=CaseChannel.PLATFORM, category=CaseCategory.DISPUTE)[0]
        == "agency"
    )
    assert policy.next_levels(
        "grid", channel=CaseChannel.IN_PERSON, category=CaseCategory.DISPUTE
    ) == ("community",)


def test_every_number_of_the_bundled_procedure_says_where_it_comes_from() -> None:
    from importlib.resources import files

    text = files("wulian_core._escalation").joinpath("policies/kangbashi.toml").read_text("utf-8")

    for key in (
        "resolve = ",
        "accept = ",
        "warn_before",
        "reopens_to_escalate",
        "unit_report",
        "[[routes]]",
    ):
        lines = text.splitlines()
        where = next(i for i, line in enumerate(lines) if line.startswith(key))
        before = "\n".join(lines[max(0, where - 8) : where])
        assert any(tag in before for tag in ("[practice]", "[ours]", "[article]")), key


def test_a_bad_policy_file_names_its_paths() -> None:
    text = policies._bundled_texts("wulian_core._escalation")["kangbashi"]

    with pytest.raises(DecodeError, match=r"routes\[0\]\.to: names no level 'street'"):
        policies.load_escalation(text.replace('to = "agency"', 'to = "street"'))
    with pytest.raises(InvalidValue, match="no bundled escalation policy"):
        policies.load_escalation("ordos")


# --- the street level ---------------------------------------------------------------------

STREET = Actor("p-street", {Grant(Role.STREET_STAFF, Scope.region(RegionCode("150603001")))})
OTHER_STREET = Actor(
    "p-street-2", {Grant(Role.STREET_STAFF, Scope.region(RegionCode("150603002")))}
)


def to_the_street(when: dt.datetime) -> Case:
    case = open_case(EscalationPolicy.five_levels(), CaseChannel.IN_PERSON, when)
    for handler in (WHO.liaison, WHO.grid_worker, WHO.secretary):
        case.accept(by=handler, at=when)
        case.escalate(reason="本级无法解决", by=handler, at=when)
    return case


def test_the_five_level_chain_reaches_the_street_office_before_the_agency() -> None:
    policy = EscalationPolicy.five_levels()

    assert [level.role for level in policy.levels] == [
        LevelRole.LIAISON,
        LevelRole.GRID_TEAM,
        LevelRole.COMMUNITY_SECRETARY,
        LevelRole.STREET_OFFICE,
        LevelRole.AGENCY_STAFF,
    ]
    assert [level.resolve.amount for level in policy.levels] == [1, 2, 2, 2, 5]


def test_the_street_office_accepts_and_resolves_across_national_day() -> None:
    case = to_the_street(at(9, 30, 10))
    # 签收 within a working day of Monday 09-30: the next is Tuesday 10-08.
    assert (case.level.id, case.accept_due, case.resolve_due) == ("street", at(10, 9), at(10, 10))

    with pytest.raises(PermissionDenied, match="only staff of street 150603001"):
        case.accept(by=OTHER_STREET, at=at(10, 8, 9))
    with pytest.raises(PermissionDenied):
        case.accept(by=WHO.secretary, at=at(10, 8, 9))
    case.accept(by=STREET, at=at(10, 8, 9))
    case.resolve(result=SOLVED, by=STREET, at=at(10, 9, 15))

    assert case.result == SOLVED


def test_the_street_office_supervises_the_cases_of_its_communities_only() -> None:
    case = open_case(EscalationPolicy.five_levels(), CaseChannel.IN_PERSON)

    case.supervise(reason="街道督办：群众多次反映", by=STREET, at=at(9, 27, 16))
    with pytest.raises(PermissionDenied, match="the street office over it"):
        case.urge(note="x", by=OTHER_STREET, at=at(9, 27, 17))

    assert case.supervised is True


def test_a_street_office_goes_up_to_the_agency_and_misses_send_it_there() -> None:
    case = to_the_street(at(9, 30, 10))

    sweep([case], now=at(10, 10, 9))  # 签收 ran out at the end of 10-08, 办结 of 10-09

    assert (case.level.id, case.agency) == ("agency", "agency-centre")


def test_street_staff_posts_are_over_a_township() -> None:
    with pytest.raises(InvalidValue, match="street_staff posts are over a township"):
        Post(
            id="post-s",
            person="p-street",
            role=Role.STREET_STAFF,
            scope=Scope.region(YUEHE),
            start=dt.date(2024, 1, 1),
        )
    with pytest.raises(InvalidValue, match="Post.scope"):
        Post(
            id="post-s",
            person="p-street",
            role=Role.STREET_STAFF,
            scope=Scope.grid("g-1"),
            start=dt.date(2024, 1, 1),
        )


def test_a_street_level_counts_working_days_when_built_by_hand() -> None:
    street = EscalationLevel(
        id="street",
        label_zh="街道",
        role=LevelRole.STREET_OFFICE,
        accept=TimeLimit.working_days(1),
        resolve=TimeLimit.working_days(3),
    )
    policy = EscalationPolicy(
        name="街道直办",
        levels=(street,),
        intakes=(Intake(channel=CaseChannel.HOTLINE, level="street"),),
    )

    case = open_case(policy, CaseChannel.HOTLINE, at(9, 30, 10))

    assert case.resolve_due == at(10, 11)  # 10-08, 10-09, 10-10
