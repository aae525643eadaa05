"""Targets: Chinese legal counting, the bundled Shaanxi plan, and every threshold's edge."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

import pytest

from wulian_core import (
    Activity,
    Certification,
    CharityFund,
    CharityProject,
    CharityProjectKind,
    Directory,
    InvalidValue,
    OrganizationCategory,
    Person,
    Post,
    Region,
    RegionCode,
    Registration,
    Role,
    Scope,
    ServiceArea,
    SettlementKind,
    SocialOrganization,
    SocialWorker,
    Station,
    StationLevel,
    StationWork,
    StationWorkKind,
    TownshipKind,
    Volunteer,
    policies,
)
from wulian_core.rules import (
    Comparison,
    Requirement,
    Share,
    Status,
    evaluate,
    window,
)

AS_OF = dt.date(2023, 12, 31)
LONG_AGO = dt.date(2020, 1, 1)
PROVINCE, CITY, COUNTY = RegionCode("61"), RegionCode("6101"), RegionCode("610102")
TOWNSHIP = RegionCode("610102001")
URBAN, RURAL = RegionCode("610102001001"), RegionCode("610102001002")
PLAN = policies.load("shaanxi-2022")

# The Shaanxi section of the seed article, the goals paragraph, word for word.
ARTICLE = (
    "一是建立市级“五社联动”工作机制、县级社会工作服务站、乡镇(街道)社会工作服务站、社区(村)社会工作服务站"
    "四级社会工作服务体系,完善市县乡三级培训机制,提升基层社会工作专业人才队伍能力水平。"
    "二是试点乡镇(街道)社会工作服务站实现规范建设,各项制度健全,驻站人员不少于三人,面向辖区内居民,"
    "开展需求调研、制定服务计划、链接社会资源、提供专业服务,将专业社工服务有效延伸到村(社区),"
    "打通服务群众的“最后一米”。"
    "三是社区社会组织和志愿服务队伍发展壮大,到2023年底每个城市社区社会组织达到10个以上,"
    "每个农村社区社会组织达到五个以上(其中服务性、公益性、互助性社会组织占比超过50%),"
    "“社工+志愿者”联动模式得到普遍推广,各类社区活动和志愿服务活动持续化、常态化、规范化。"
    "四是试点乡镇(街道)及所辖村(社区)普遍实施慈善“幸福家园”村社互助工程,探索设立慈善基金,助推乡村振兴。"
)


def regions(pilot: bool = True) -> list[Region]:
    return [
        Region(code=PROVINCE, name="陕西省"),
        Region(code=CITY, name="西安市"),
        Region(code=COUNTY, name="新城区"),
        Region(
            code=TOWNSHIP,
            name="西一路街道",
            township_kind=TownshipKind.STREET,
            tags={"pilot"} if pilot else (),
        ),
        Region(code=URBAN, name="城市社区", settlement=SettlementKind.URBAN),
        Region(code=RURAL, name="农村社区", settlement=SettlementKind.RURAL),
    ]


def orgs(
    community: RegionCode, total: int, priority: int, **changes: object
) -> list[SocialOrganization]:
    found = []
    for n in range(total):
        fields: dict[str, object] = {
            "id": f"o-{community[-3:]}-{n}",
            "name": f"组织{n}",
            "community": community,
            "category": OrganizationCategory.MUTUAL_AID
            if n < priority
            else OrganizationCategory.CULTURE_SPORTS,
            "registration": Registration.FILED,
            "established": LONG_AGO,
        }
        fields.update(changes)
        found.append(SocialOrganization(**fields))  # type: ignore[arg-type]
    return found


def finding(directory: Directory, subject: RegionCode, target: str, as_of: dt.date = AS_OF):
    return evaluate(PLAN, directory, as_of=as_of).finding(subject, target)


# -- Chinese legal counting ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "comparison", "threshold"),
    [
        ("每个城市社区社会组织达到10个以上", Comparison.AT_LEAST, 10),
        ("每个农村社区社会组织达到五个以上", Comparison.AT_LEAST, 5),
        ("驻站人员不少于三人", Comparison.AT_LEAST, 3),
        ("占比超过50%", Comparison.MORE_THAN, Share(1, 2)),
        ("不满十八周岁", Comparison.LESS_THAN, 18),
        ("低于百分之三十", Comparison.LESS_THAN, Share(3, 10)),
        ("五人以下", Comparison.AT_MOST, 5),
        ("不超过二十人", Comparison.AT_MOST, 20),
        ("三十日以内", Comparison.AT_MOST, 30),
    ],
)
def test_legal_words_give_the_comparison_and_the_number(
    words: str, comparison: Comparison, threshold: int | Share
) -> None:
    assert Requirement.parse(words) == Requirement(comparison, threshold)


def test_ten_or_more_includes_ten_and_more_than_half_excludes_half() -> None:
    assert Requirement.parse("10个以上").holds(10)
    assert not Requirement.parse("10个以上").holds(9)
    assert not Requirement.parse("占比超过50%").holds(Fraction(5, 10))
    assert Requirement.parse("占比超过50%").holds(Fraction(501, 1000))
    assert not Requirement.parse("不满3人").holds(3)
    assert Requirement.parse("3人以下").holds(3)


def test_a_share_is_never_a_float() -> None:
    with pytest.raises(InvalidValue, match="never a float"):
        Share.of(0.5)  # type: ignore[arg-type]
    assert Share.parse("0.5") == Share(1, 2) == Share.parse("50%") == Share(50, 100)


def test_a_window_is_made_of_whole_months_up_to_the_date() -> None:
    assert window(dt.date(2023, 12, 31), 12) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert window(dt.date(2024, 2, 28), 1) == (dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert window(dt.date(2024, 2, 29), 1) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


# -- the bundled plan is the article's words ----------------------------------------------


def test_every_quote_of_the_bundled_plan_is_in_the_article() -> None:
    for target in PLAN:
        assert target.quote_zh, target.id
        assert target.quote_zh in ARTICLE, target.id


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("urban-organizations", "10个以上"),
        ("rural-organizations", "五个以上"),
        ("organization-mix", "占比超过50%"),
        ("station-staffing", "驻站人员不少于三人"),
    ],
)
def test_the_bundled_thresholds_are_what_the_article_says(target: str, words: str) -> None:
    expected = Requirement.parse(words)

    found = PLAN.target(target)

    assert (found.comparison, found.threshold) == (expected.comparison, expected.threshold)


def test_the_pilot_is_due_at_the_end_of_2023_and_pilot_targets_select_the_pilot_tag() -> None:
    assert {t.due_by for t in PLAN} == {dt.date(2023, 12, 31)}
    assert {t.applies_from for t in PLAN} == {dt.date(2022, 1, 1)}
    pilot = {t.id for t in PLAN if t.subjects.tag == "pilot"}
    assert pilot == {
        "station-staffing",
        "station-regulations",
        "station-work",
        "happy-home",
        "charity-fund",
    }


def test_every_open_number_is_a_documented_parameter() -> None:
    values = PLAN.parameter_values()
    assert values == {
        "widely": Share(4, 5),
        "joint_activities": 1,
        "activity_months": 12,
        "regular_months": 12,
        "station_work_months": 12,
        "regulations": 1,
        "charity_funds": 1,
    }
    assert all(p.note_zh and p.note_en for p in PLAN.parameters)


# -- organizations: counts and the mix -----------------------------------------------------


def test_an_urban_community_with_exactly_ten_half_of_them_priority_meets_the_count_but_not_the_mix() -> (
    None
):
    d = Directory(regions=regions(), organizations=orgs(URBAN, 10, 5))

    count = finding(d, URBAN, "urban-organizations")
    mix = finding(d, URBAN, "organization-mix")

    assert (count.measured, count.status) == (10, Status.MET)
    assert (mix.measured, mix.status) == (Fraction(1, 2), Status.NOT_MET)
    assert (mix.numerator, mix.denominator, mix.shortfall) == (5, 10, 1)
    assert mix.shortfall_en.startswith("needs 1 more service, welfare or mutual-aid organization ")


def test_an_urban_community_with_nine_misses_by_one() -> None:
    d = Directory(regions=regions(), organizations=orgs(URBAN, 9, 9))

    count = finding(d, URBAN, "urban-organizations")

    assert (count.status, count.shortfall) == (Status.NOT_MET, 1)


def test_a_rural_community_with_five_meets_and_with_four_does_not() -> None:
    five = Directory(regions=regions(), organizations=orgs(RURAL, 5, 3))
    four = Directory(regions=regions(), organizations=orgs(RURAL, 4, 3))

    assert finding(five, RURAL, "rural-organizations").status is Status.MET
    assert finding(four, RURAL, "rural-organizations").shortfall == 1


def test_the_shortfall_says_how_many_more_and_how_many_of_them_service_welfare_or_mutual_aid() -> (
    None
):
    d = Directory(regions=regions(), organizations=orgs(URBAN, 7, 4))

    count = finding(d, URBAN, "urban-organizations")

    assert count.shortfall == 3
    assert count.shortfall_en == (
        "needs 3 more community social organizations, 2 of them service, welfare or mutual-aid"
    )
    assert count.shortfall_zh == "还需增加3个社区社会组织，其中2个为服务性、公益性、互助性社会组织"


def test_an_organization_dissolved_before_the_date_does_not_count_and_one_dissolved_on_it_does() -> (
    None
):
    gone = orgs(URBAN, 10, 10, dissolved=dt.date(2023, 12, 30))
    last_day = orgs(URBAN, 10, 10, dissolved=AS_OF)

    assert (
        finding(
            Directory(regions=regions(), organizations=gone), URBAN, "urban-organizations"
        ).measured
        == 0
    )
    assert (
        finding(
            Directory(regions=regions(), organizations=last_day), URBAN, "urban-organizations"
        ).measured
        == 10
    )


def test_an_organization_founded_after_the_date_does_not_count() -> None:
    later = orgs(URBAN, 10, 10, established=dt.date(2024, 1, 1))

    count = finding(Directory(regions=regions(), organizations=later), URBAN, "urban-organizations")

    assert (count.measured, count.status) == (0, Status.NOT_MET)


def test_a_community_without_organizations_is_undefined_for_the_mix_and_the_report_says_so() -> (
    None
):
    d = Directory(regions=regions(), organizations=orgs(URBAN, 10, 10))

    mix = finding(d, RURAL, "organization-mix")

    assert mix.status is Status.UNDEFINED
    assert mix.measured is None
    assert "no share to measure (not a pass)" in mix.shortfall_en
    assert "无法计算占比" in mix.shortfall_zh


# -- stations --------------------------------------------------------------------------


def station(n: int, level: StationLevel, region: RegionCode, **changes: object) -> Station:
    fields: dict[str, object] = {
        "id": f"s-{n}",
        "name": f"社工站{n}",
        "level": level,
        "region": region,
        "established": LONG_AGO,
    }
    fields.update(changes)
    return Station(**fields)  # type: ignore[arg-type]


def staffed(staff: int, **station_changes: object) -> Directory:
    people = [Person(id=f"p-{n}", name=f"人员{n}") for n in range(staff)]
    posts = [
        Post(
            id=f"post-{n}",
            person=f"p-{n}",
            role=Role.STATION_STAFF,
            scope=Scope.station("s-1"),
            start=LONG_AGO,
        )
        for n in range(staff)
    ]
    return Directory(
        regions=regions(),
        persons=people,
        stations=[station(1, StationLevel.TOWNSHIP, TOWNSHIP, **station_changes)],
        posts=posts,
    )


def test_a_pilot_township_station_with_three_staff_meets_and_with_two_misses() -> None:
    assert finding(staffed(3), TOWNSHIP, "station-staffing").status is Status.MET
    two = finding(staffed(2), TOWNSHIP, "station-staffing")
    assert (two.status, two.shortfall) == (Status.NOT_MET, 1)
    assert two.shortfall_en == "needs 1 more stationed staff (2 now; at least 3 required)"


def test_a_person_with_two_posts_at_the_station_counts_once() -> None:
    d = staffed(2)
    second = Post(
        id="post-x",
        person="p-0",
        role=Role.SOCIAL_WORKER,
        scope=Scope.station("s-1"),
        start=LONG_AGO,
    )
    d = Directory(
        regions=d.regions, persons=d.persons, stations=d.stations, posts=[*d.posts, second]
    )

    assert finding(d, TOWNSHIP, "station-staffing").measured == 2


def test_a_township_that_is_not_a_pilot_is_not_held_to_the_pilot_staffing() -> None:
    d = Directory(regions=regions(pilot=False))

    report = evaluate(PLAN, d, as_of=AS_OF)

    assert report.gaps(target="station-staffing") == ()
    assert [t.target for t in report.totals()].count("station-staffing") == 0


def test_a_closed_station_does_not_cover_its_region() -> None:
    d = staffed(3, closed=dt.date(2023, 6, 30))

    coverage = finding(d, TOWNSHIP, "township-stations")

    assert coverage.status is Status.NOT_MET
    assert coverage.shortfall_zh == "尚未建立乡镇（街道）社会工作服务站"


def test_the_four_levels_each_need_a_station_of_their_own_level() -> None:
    d = Directory(
        regions=regions(),
        stations=[
            station(1, StationLevel.CITY_MECHANISM, CITY),
            station(2, StationLevel.COUNTY, COUNTY),
            station(3, StationLevel.TOWNSHIP, TOWNSHIP),
            station(4, StationLevel.COMMUNITY, URBAN),
        ],
    )

    report = evaluate(PLAN, d, as_of=AS_OF)

    assert report.finding(CITY, "city-mechanism").status is Status.MET
    assert report.finding(COUNTY, "county-stations").status is Status.MET
    assert report.finding(URBAN, "community-stations").status is Status.MET
    assert (
        report.finding(RURAL, "community-stations").shortfall_en
        == "has no community social-work station"
    )


def test_station_work_lists_the_kinds_missing_in_the_window() -> None:
    d = staffed(3)
    work = [
        StationWork(
            id="w-1", station="s-1", kind=StationWorkKind.NEEDS_SURVEY, on=dt.date(2023, 3, 1)
        ),
        StationWork(
            id="w-2", station="s-1", kind=StationWorkKind.SERVICE_PLAN, on=dt.date(2022, 12, 31)
        ),
    ]
    d = Directory(
        regions=d.regions, persons=d.persons, stations=d.stations, posts=d.posts, station_work=work
    )

    found = finding(d, TOWNSHIP, "station-work")

    assert (found.measured, found.shortfall) == (1, 3)
    assert found.missing == ("service_plan", "resource_link", "professional_service")
    assert found.shortfall_zh == "近12个月无服务计划、链接社会资源、专业服务记录"


# -- activities and charity ------------------------------------------------------------------


def with_activities(months: list[int], joint: bool = False, year: int = 2023) -> Directory:
    people = [Person(id="sw", name="社工"), Person(id="v", name="志愿者")]
    activities = [
        Activity(
            id=f"a-{m}",
            community=URBAN,
            on=dt.date(year, m, 15),
            title="活动",
            area=ServiceArea.ELDERLY_CARE,
            social_workers={"sw"} if joint else (),
            volunteers={"v"},
        )
        for m in months
    ]
    return Directory(
        regions=regions(),
        persons=people,
        social_workers=[
            SocialWorker(person="sw", certification=Certification.NONE, since=LONG_AGO)
        ],
        volunteers=[Volunteer(person="v", registered_on=LONG_AGO)],
        activities=activities,
    )


def test_an_activity_in_every_month_is_regular_and_a_missing_month_is_named() -> None:
    every = finding(with_activities(list(range(1, 13))), URBAN, "regular-activity")
    gap = finding(with_activities([m for m in range(1, 13) if m != 7]), URBAN, "regular-activity")

    assert every.status is Status.MET
    assert (gap.measured, gap.shortfall, gap.missing) == (11, 1, ("2023-07",))


def test_an_activity_before_the_window_does_not_count() -> None:
    found = finding(with_activities(list(range(1, 13)), year=2022), URBAN, "regular-activity")

    assert found.measured == 0


def test_a_joint_activity_needs_social_workers_and_volunteers_together() -> None:
    assert finding(with_activities([3], joint=True), URBAN, "joint-activity").status is Status.MET
    alone = finding(with_activities([3], joint=False), URBAN, "joint-activity")
    assert alone.shortfall_zh == "近12个月没有“社工+志愿者”联动活动"


def test_a_township_happy_home_project_serves_its_communities_and_a_fund_inside_counts() -> None:
    d = Directory(
        regions=regions(),
        charity_projects=[
            CharityProject(
                id="cp",
                name="幸福家园",
                kind=CharityProjectKind.HAPPY_HOME,
                region=TOWNSHIP,
                start=LONG_AGO,
            )
        ],
        charity_funds=[CharityFund(id="f", name="社区基金", region=RURAL, established=LONG_AGO)],
    )

    report = evaluate(PLAN, d, as_of=AS_OF)

    assert report.finding(URBAN, "happy-home").status is Status.MET
    assert report.finding(RURAL, "happy-home").status is Status.MET
    assert report.finding(TOWNSHIP, "charity-fund").measured == 1


# -- dates ------------------------------------------------------------------------------


def test_a_target_is_not_evaluated_before_it_applies() -> None:
    report = evaluate(PLAN, Directory(regions=regions()), as_of=dt.date(2021, 12, 31))

    assert len(report) == 0
    assert set(report.not_applicable()) == set(PLAN.ids)


def test_a_finding_not_met_after_the_deadline_is_overdue_and_before_it_is_not() -> None:
    d = Directory(regions=regions(), organizations=orgs(URBAN, 3, 3))

    assert not finding(d, URBAN, "urban-organizations", as_of=dt.date(2023, 6, 30)).overdue
    assert finding(d, URBAN, "urban-organizations", as_of=dt.date(2024, 1, 31)).overdue


def test_the_report_lists_every_target_in_the_plans_order() -> None:
    report = evaluate(PLAN, Directory(regions=regions()), as_of=AS_OF)

    assert [t.target for t in report.totals()] == list(PLAN.ids)
    assert re.match(r"Report\(shaanxi-2022 on 2023-12-31: \d+ findings", repr(report))
