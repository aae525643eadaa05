"""Directory: integrity checks that report everything, indexed as-of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core import (
    Activity,
    Directory,
    Grid,
    IntegrityError,
    InvalidValue,
    NotFound,
    OrganizationCategory,
    Person,
    Post,
    Region,
    RegionCode,
    RegionLevel,
    Registration,
    Resident,
    Role,
    Scope,
    ServiceArea,
    SettlementKind,
    SocialOrganization,
    Station,
    StationLevel,
    StationWork,
    StationWorkKind,
    TownshipKind,
    synth,
)

KANGBASHI = RegionCode("150603")
STREET = RegionCode("150603001")
YUEHE = RegionCode("150603001001")
OTHER = RegionCode("150603001002")


def regions() -> list[Region]:
    return [
        Region(code=RegionCode("15"), name="内蒙古自治区"),
        Region(code=RegionCode("1506"), name="鄂尔多斯市"),
        Region(code=KANGBASHI, name="康巴什区"),
        Region(code=STREET, name="滨河街道", township_kind=TownshipKind.STREET),
        Region(code=YUEHE, name="悦和社区", settlement=SettlementKind.URBAN),
        Region(code=OTHER, name="康宁社区", settlement=SettlementKind.URBAN),
    ]


def org(n: int, community: RegionCode = YUEHE, **changes: object) -> SocialOrganization:
    fields: dict[str, object] = {
        "id": f"o-{n}",
        "name": f"组织{n}",
        "community": community,
        "category": OrganizationCategory.PUBLIC_WELFARE,
        "registration": Registration.REGISTERED,
        "established": dt.date(2020, 1, 1),
    }
    fields.update(changes)
    return SocialOrganization(**fields)  # type: ignore[arg-type]


def test_every_integrity_problem_is_reported_at_once() -> None:
    broken = [r for r in regions() if r.code != RegionCode("1506")]  # the city is missing
    with pytest.raises(IntegrityError) as info:
        Directory(
            regions=broken,
            organizations=[org(1, RegionCode("150603001009")), org(2), org(2), org(3, STREET)],
            grids=[Grid(id="g-1", community=YUEHE, name="一")],
            posts=[
                Post(
                    id="p",
                    person="nobody",
                    role=Role.LIAISON,
                    scope=Scope.grid("g-9"),
                    start=dt.date(2022, 1, 1),
                )
            ],
            station_work=[
                StationWork(
                    id="w", station="s-9", kind=StationWorkKind.NEEDS_SURVEY, on=dt.date(2022, 1, 1)
                )
            ],
        )
    problems = info.value.problems
    assert problems == (
        "region 150603 (康巴什区): parent 1506 is not in the directory",
        "organization 'o-1': region 150603001009 is not in the directory",
        "organization 'o-2': listed twice",
        "organization 'o-3': 150603001 is a township, not a community",
        "post 'p': person 'nobody' is not in the directory",
        "post 'p': grid 'g-9' is not in the directory",
        "station work 'w': station 's-9' is not in the directory",
    )
    assert str(info.value).startswith("7 integrity problems:")


def test_a_resident_lives_in_a_grid_of_their_own_community() -> None:
    with pytest.raises(
        IntegrityError, match="grid 'g-1' lies in 150603001001, not in 150603001002"
    ):
        Directory(
            regions=regions(),
            persons=[Person(id="p-1", name="王芳")],
            grids=[Grid(id="g-1", community=YUEHE, name="一")],
            residents=[Resident(person="p-1", community=OTHER, grid="g-1")],
        )


def test_an_activity_names_only_known_organisers_social_workers_and_volunteers() -> None:
    activity = Activity(
        id="a",
        community=YUEHE,
        on=dt.date(2022, 3, 1),
        title="共享课堂",
        area=ServiceArea.CHILD_WELFARE,
        organisers={"o-1", "o-9"},
        social_workers={"sw"},
        volunteers={"v"},
    )
    with pytest.raises(IntegrityError) as info:
        Directory(regions=regions(), organizations=[org(1)], activities=[activity])
    assert len(info.value.problems) == 3


def test_an_organization_counts_from_its_founding_to_its_dissolution() -> None:
    d = Directory(
        regions=regions(),
        organizations=[
            org(1),
            org(2, established=dt.date(2023, 6, 1)),  # founded later
            org(3, dissolved=dt.date(2022, 12, 31)),  # dissolved before the date
            org(4, OTHER),
        ],
    )
    on = dt.date(2023, 1, 1)
    assert [o.id for o in d.organizations_of(YUEHE, as_of=on)] == ["o-1"]
    assert [o.id for o in d.organizations_of(YUEHE, as_of=dt.date(2022, 12, 31))] == ["o-1", "o-3"]
    assert [o.id for o in d.organizations_of(KANGBASHI, as_of=on)] == ["o-1", "o-4"]
    assert len(d.organizations_of(KANGBASHI)) == 4


def test_region_queries_follow_the_code_tree() -> None:
    d = Directory(regions=regions())
    assert [r.code for r in d.children(STREET)] == [YUEHE, OTHER]
    assert [r.code for r in d.children(RegionCode("15"))] == [RegionCode("1506")]
    assert [r.code for r in d.communities(within=RegionCode("1506"))] == [YUEHE, OTHER]
    assert [r.code for r in d.regions_at(RegionLevel.TOWNSHIP)] == [STREET]
    assert YUEHE in d and RegionCode("150603002") not in d


def test_an_unknown_region_or_record_is_not_found_never_a_key_error() -> None:
    d = Directory(regions=regions())
    with pytest.raises(NotFound, match="150603009"):
        d.region(RegionCode("150603009"))
    with pytest.raises(NotFound, match="o-404"):
        d.organization("o-404")
    with pytest.raises(NotFound):
        d.organizations_of(RegionCode("150602"))
    with pytest.raises(LookupError):  # NotFound is a LookupError for callers that catch builtins
        d.person("p-404")


def test_a_query_with_a_wrong_argument_names_it() -> None:
    d = Directory(regions=regions())
    with pytest.raises(InvalidValue, match="as_of"):
        d.organizations_of(YUEHE, as_of=dt.datetime(2023, 1, 1, tzinfo=dt.UTC))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="code"):
        d.organizations_of("150603001001")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="Directory.organizations"):
        Directory(regions=regions(), organizations=[regions()[0]])  # type: ignore[list-item]


def test_posts_of_a_station_as_of_a_date_give_its_staffing() -> None:
    station = Station(
        id="s-1",
        name="滨河街道社工站",
        level=StationLevel.TOWNSHIP,
        region=STREET,
        established=dt.date(2021, 1, 1),
    )
    people = [Person(id=f"p-{n}", name=f"人{n}") for n in range(4)]
    posts = [
        Post(
            id=f"post-{n}",
            person=f"p-{n}",
            role=Role.STATION_STAFF,
            scope=Scope.station("s-1"),
            start=dt.date(2021, 1, 1),
            end=dt.date(2022, 6, 30) if n == 3 else None,
        )
        for n in range(4)
    ]
    d = Directory(regions=regions(), persons=people, stations=[station], posts=posts)
    assert len(d.posts_of(Scope.station("s-1"), as_of=dt.date(2022, 6, 30))) == 4
    assert len(d.posts_of(Scope.station("s-1"), as_of=dt.date(2022, 7, 1))) == 3
    assert len(d.posts_of(KANGBASHI, role=Role.STATION_STAFF)) == 4
    assert d.actor("p-3", on=dt.date(2022, 7, 1)).grants == frozenset()
    assert [s.id for s in d.stations_of(KANGBASHI, level=StationLevel.TOWNSHIP)] == ["s-1"]


def test_a_directory_is_immutable() -> None:
    d = Directory(regions=regions())
    with pytest.raises(AttributeError):
        d.regions = ()  # type: ignore[misc]


def test_kangbashi_has_the_articles_figures() -> None:
    d = synth.kangbashi(seed=3)
    on = dt.date(2022, 6, 30)
    communities = d.communities(within=synth.KANGBASHI)
    registered = [
        o
        for o in d.organizations_of(synth.KANGBASHI, as_of=on)
        if o.registration is Registration.REGISTERED
    ]
    workers = d.posts_of(synth.KANGBASHI, role=Role.COMMUNITY_WORKER, as_of=on)
    assert len(d.regions_at(RegionLevel.TOWNSHIP, within=synth.KANGBASHI)) == 4
    assert len(communities) == 19
    assert d.region(synth.YUEHE).name == "悦和社区"
    assert len(registered) == 116
    assert len(workers) == 15 * 19
    yuehe = d.residents_of(synth.YUEHE)
    assert sum(r.floating for r in yuehe) >= 0.9 * len(yuehe)


def test_the_same_seed_gives_the_same_directory() -> None:
    assert synth.kangbashi(seed=5) == synth.kangbashi(seed=5)
    assert synth.kangbashi(seed=5) != synth.kangbashi(seed=6)


def test_a_level_must_be_a_region_level() -> None:
    with pytest.raises(InvalidValue, match="level"):
        Directory(regions=regions()).regions_at("township")  # type: ignore[arg-type]


def test_records_of_a_kind_are_plain_values_for_a_table() -> None:
    d = synth.kangbashi(seed=1)
    rows = d.to_records("organizations")
    assert len(rows) == len(d.organizations)
    assert rows[0]["community"] == str(d.organizations[0].community)
    assert rows[0]["category"] == d.organizations[0].category.value
    with pytest.raises(InvalidValue, match="kind"):
        d.to_records("people")


def test_a_community_without_its_parents_names_every_missing_level_at_once() -> None:
    from wulian_core.model import SettlementKind

    alone = Region(
        code=RegionCode("150603001001"), name="悦和社区", settlement=SettlementKind.URBAN
    )
    with pytest.raises(IntegrityError) as info:
        Directory(regions=[alone])
    assert info.value.problems == (
        "region 150603001001 (悦和社区): parent 150603001 is not in the directory;"
        " missing above it too: 150603, 1506, 15",
    )
