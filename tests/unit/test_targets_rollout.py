"""Shaanxi from 2024: the rollout set, volunteer growth, trainings at three levels, station
services reaching villages, the regulations named, and every target shown in a report."""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core import (
    Activity,
    Directory,
    InvalidValue,
    Person,
    Region,
    RegionCode,
    RegionLevel,
    ServiceArea,
    SettlementKind,
    Station,
    StationLevel,
    TownshipKind,
    Volunteer,
    codec,
    policies,
    synth,
)
from wulian_core.rules import (
    ServiceReach,
    Status,
    Subjects,
    TargetSet,
    Training,
    TrainingHeld,
    evaluate,
)

AS_OF = dt.date(2024, 12, 31)
PROVINCE, CITY, COUNTY = RegionCode("61"), RegionCode("6101"), RegionCode("610102")
TOWNSHIP = RegionCode("610102001")
URBAN, RURAL = RegionCode("610102001001"), RegionCode("610102001002")
ROLLOUT = policies.load("shaanxi-2024")
PILOT = policies.load("shaanxi-2022")

# The goals paragraph's words that shaanxi-2022 did not measure and shaanxi-2024 does.
ARTICLE_WORDS = (
    "完善市县乡三级培训机制",
    "实现规范建设,各项制度健全",
    "将专业社工服务有效延伸到村(社区)",
    "社区社会组织和志愿服务队伍发展壮大",
)


def regions() -> list[Region]:
    return [
        Region(code=PROVINCE, name="陕西省"),
        Region(code=CITY, name="西安市"),
        Region(code=COUNTY, name="新城区"),
        Region(code=TOWNSHIP, name="西一路街道", township_kind=TownshipKind.STREET),
        Region(code=URBAN, name="城市社区", settlement=SettlementKind.URBAN),
        Region(code=RURAL, name="农村社区", settlement=SettlementKind.RURAL),
    ]


def station(regulations: set[str] = frozenset()) -> Station:  # type: ignore[assignment]
    return Station(
        id="s-t",
        name="西一路街道社工站",
        level=StationLevel.TOWNSHIP,
        region=TOWNSHIP,
        established=dt.date(2022, 1, 1),
        regulations=regulations,
    )


def finding(directory: Directory, subject: RegionCode, target: str, **options: object):
    return evaluate(ROLLOUT, directory, as_of=AS_OF, **options).finding(subject, target)  # type: ignore[arg-type]


def test_the_rollout_ships_beside_the_pilot_and_quotes_the_article() -> None:
    assert policies.bundled() == ("shaanxi-2022", "shaanxi-2024")
    quotes = " ".join(t.quote_zh for t in ROLLOUT.targets)

    for words in ARTICLE_WORDS:
        assert words in quotes
    assert all(t.applies_from == dt.date(2024, 1, 1) for t in ROLLOUT.targets)
    assert all(t.subjects.tag is None for t in ROLLOUT.targets)  # 全省: not only pilots
    assert {t.id for t in PILOT.targets} < {t.id for t in ROLLOUT.targets}
    assert PILOT.target("station-staffing").subjects.tag == "pilot"  # the pilot stays


def test_the_rollout_does_not_apply_before_2024() -> None:
    d = Directory(regions=regions())

    report = evaluate(ROLLOUT, d, as_of=dt.date(2023, 12, 31))

    assert len(report.not_applicable()) == len(ROLLOUT.targets)


def test_volunteer_teams_grow_when_more_are_registered_than_a_year_before() -> None:
    people = [Person(id=f"p-{n}", name=f"志愿者{n}") for n in range(4)]

    def volunteers(*days: dt.date) -> list[Volunteer]:
        return [
            Volunteer(person=f"p-{n}", registered_on=day, community=URBAN)
            for n, day in enumerate(days)
        ]

    grew = Directory(
        regions=regions(),
        persons=people,
        volunteers=volunteers(dt.date(2022, 1, 1), dt.date(2024, 6, 1)),
    )
    same = Directory(
        regions=regions(),
        persons=people,
        volunteers=volunteers(dt.date(2022, 1, 1), dt.date(2023, 12, 31)),
    )

    up = finding(grew, URBAN, "volunteer-growth")
    flat = finding(same, URBAN, "volunteer-growth")

    assert (up.status, up.measured) == (Status.MET, 1)
    assert flat.status is Status.NOT_MET
    assert "注册志愿者2人，上年同期2人" in flat.shortfall_zh  # 2023-12-31 counts a year on


def test_trainings_count_at_their_own_level_and_in_the_window() -> None:
    d = Directory(regions=regions())
    trainings = [
        Training(
            id="t-1", region=COUNTY, on=dt.date(2024, 5, 1), title="县级培训", participants=30
        ),
        Training(id="t-2", region=CITY, on=dt.date(2023, 5, 1), title="市级培训", participants=90),
    ]

    report = evaluate(ROLLOUT, d, as_of=AS_OF, trainings=trainings)

    assert report.finding(COUNTY, "county-training").status is Status.MET
    assert report.finding(CITY, "city-training").status is Status.NOT_MET  # 2023: out of window
    township = report.finding(TOWNSHIP, "township-training")
    assert township.status is Status.NOT_MET  # the county's training is not the street's
    assert "未举办乡镇（街道）级培训" in township.shortfall_zh


def test_a_training_is_held_by_a_city_county_or_township_only() -> None:
    with pytest.raises(InvalidValue, match="Training.region"):
        Training(id="t", region=URBAN, on=AS_OF, title="x", participants=1)
    with pytest.raises(InvalidValue, match="Training.participants"):
        Training(id="t", region=COUNTY, on=AS_OF, title="x", participants=0)
    with pytest.raises(InvalidValue, match="TrainingHeld.subjects"):
        TrainingHeld(
            id="x",
            title_zh="x",
            title_en="x",
            subjects=Subjects(level=RegionLevel.COMMUNITY),
            applies_from=AS_OF,
        )
    with pytest.raises(InvalidValue, match="trainings"):
        evaluate(ROLLOUT, Directory(regions=regions()), as_of=AS_OF, trainings=["t-1"])  # type: ignore[list-item]


def activity(community: RegionCode, organiser: str, on: dt.date = dt.date(2024, 9, 1)) -> Activity:
    return Activity(
        id=f"a-{community}-{organiser}",
        community=community,
        on=on,
        title="社工站服务进村",
        area=ServiceArea.ELDERLY_CARE,
        organisers={organiser},
    )


def test_services_reach_a_village_when_its_township_station_serves_there() -> None:
    urban_station = Station(
        id="s-u",
        name="城市社区社工站",
        level=StationLevel.COMMUNITY,
        region=URBAN,
        established=dt.date(2022, 1, 1),
    )
    d = Directory(
        regions=regions(),
        stations=[station(), urban_station],
        activities=[activity(URBAN, "s-t"), activity(RURAL, "s-u")],  # s-u: not the township's
    )

    report = evaluate(ROLLOUT, d, as_of=AS_OF)

    assert report.finding(URBAN, "service-reach").status is Status.MET
    rural = report.finding(RURAL, "service-reach")
    assert rural.status is Status.NOT_MET
    assert "本社区（村）尚无社工站" in rural.shortfall_zh
    up = report.rollups(level=RegionLevel.TOWNSHIP, target="service-reach")[0]
    assert (up.met, up.subjects, up.status) == (1, 2, Status.NOT_MET)  # 1 of 2 < 80 %


def test_service_reach_can_be_narrowed_to_the_plans_focus_areas() -> None:
    d = Directory(regions=regions(), stations=[station()], activities=[activity(URBAN, "s-t")])
    child_welfare = ServiceReach(
        id="reach",
        title_zh="儿童福利服务延伸到村",
        title_en="Child welfare reaches villages",
        subjects=Subjects(level=RegionLevel.COMMUNITY),
        applies_from=AS_OF,
        areas={ServiceArea.CHILD_WELFARE},
    )

    report = evaluate(
        TargetSet(name="x", title_zh="x", title_en="x", targets=[child_welfare]), d, as_of=AS_OF
    )

    assert report.finding(URBAN, "reach").status is Status.NOT_MET


def test_the_regulations_named_must_all_be_on_record() -> None:
    named = set(synth.REGULATIONS_NAMED)
    complete = Directory(regions=regions(), stations=[station(named)])
    short = Directory(regions=regions(), stations=[station(named - {"督导培训制度"})])

    ok = finding(complete, TOWNSHIP, "station-regulations")
    missing = finding(short, TOWNSHIP, "station-regulations")

    assert ok.status is Status.MET
    assert (missing.status, missing.measured, missing.missing) == (
        Status.NOT_MET,
        4,
        ("督导培训制度",),
    )
    assert "缺少制度：督导培训制度" in missing.shortfall_zh
    # the pilot's "at least one regulation" (of a pilot township) is unchanged
    assert PILOT.target("station-regulations").threshold == 1
    assert not PILOT.target("station-regulations").required


def test_every_target_of_a_set_is_shown_never_silently_left_out() -> None:
    d = Directory(regions=regions()[:4])  # no communities at all

    report = evaluate(ROLLOUT, d, as_of=AS_OF)

    shown = {t.target for t in report.totals()} | set(report.no_subjects())
    assert shown == {t.id for t in ROLLOUT.targets}
    assert "urban-organizations" in report.no_subjects()
    assert "本区无对象 no subjects here" in report._repr_html_()
    assert "本区无对象" not in report.to_html(lang="en")


def test_the_rollout_round_trips_through_the_codec() -> None:
    assert codec.from_dict(TargetSet, codec.to_dict(ROLLOUT)) == ROLLOUT
    assert codec.from_json(TargetSet, codec.to_json(ROLLOUT)) == ROLLOUT


def test_a_parameter_of_the_rollout_can_be_set_when_loading() -> None:
    strict = policies.load("shaanxi-2024", parameters={"volunteer_growth": 5, "widely": "1/1"})

    assert strict.target("volunteer-growth").threshold == 5
    assert strict.target("service-reach").rollup_at_least is not None


def test_synthetic_kangbashi_from_2024_meets_some_rollout_targets_and_misses_others() -> None:
    d = synth.kangbashi()
    report = evaluate(
        ROLLOUT,
        synth.kangbashi_rollout(d),
        as_of=dt.date(2024, 10, 31),
        trainings=synth.kangbashi_trainings(d),
        within=synth.KANGBASHI,
    )
    totals = {t.target: t for t in report.totals()}

    assert totals["county-training"].status is Status.MET
    assert totals["station-regulations"].met == 3  # one street lacks 督导培训制度
    assert totals["service-reach"].met < 19
    assert set(report.no_subjects()) == {"city-mechanism", "rural-organizations", "city-training"}


def test_a_training_round_trips_through_the_codec() -> None:
    held = Training(id="t-1", region=COUNTY, on=AS_OF, title="县级培训", participants=30)

    assert codec.from_json(Training, codec.to_json(held)) == held
