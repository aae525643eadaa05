"""The model: codes, regions, the five forces, posts and personal data."""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core import (
    Activity,
    Actor,
    Agency,
    AgencyKind,
    IdCardNumber,
    InvalidValue,
    OrganizationCategory,
    Person,
    PhoneNumber,
    Post,
    Region,
    RegionCode,
    RegionLevel,
    Registration,
    Role,
    Scope,
    ServiceArea,
    SettlementKind,
    SocialOrganization,
    Station,
    StationLevel,
    TownshipKind,
    WulianError,
)
from wulian_core._enums import LabelledEnum
from wulian_core.people import id_card_check_digit

YUEHE = RegionCode("150603001001")


def organization(**changes: object) -> SocialOrganization:
    fields: dict[str, object] = {
        "id": "o-1",
        "name": "悦和邻里互助会",
        "community": YUEHE,
        "category": OrganizationCategory.MUTUAL_AID,
        "registration": Registration.FILED,
        "established": dt.date(2023, 6, 1),
    }
    fields.update(changes)
    return SocialOrganization(**fields)  # type: ignore[arg-type]


class TestRegionCode:
    def test_the_issue_example_climbs_to_the_province(self) -> None:
        code = RegionCode("150603001001")
        assert [str(c) for c in code.ancestors()] == ["150603001", "150603", "1506", "15"]
        assert code.parent == RegionCode("150603001")
        assert RegionCode("15").parent is None

    @pytest.mark.parametrize(
        ("digits", "level"),
        [
            ("15", RegionLevel.PROVINCE),
            ("1506", RegionLevel.CITY),
            ("150603", RegionLevel.COUNTY),
            ("150603001", RegionLevel.TOWNSHIP),
            ("150603001001", RegionLevel.COMMUNITY),
        ],
    )
    def test_the_length_gives_the_level(self, digits: str, level: RegionLevel) -> None:
        assert RegionCode(digits).level is level

    def test_a_padded_twelve_digit_code_reads_as_the_shorter_code(self) -> None:
        assert RegionCode("150603000000") == RegionCode("150603")
        assert RegionCode("150603000000").level is RegionLevel.COUNTY
        assert RegionCode("150603").full == "150603000000"

    def test_contains_is_prefix_inclusion(self) -> None:
        assert RegionCode("1506").contains(YUEHE)
        assert RegionCode("150603001001").contains(YUEHE)
        assert not RegionCode("150602").contains(YUEHE)

    @pytest.mark.parametrize(
        ("bad", "reason"),
        [
            ("15060", "must have 2, 4, 6, 9 or 12 digits"),
            ("1500", "digits 3-4 must not be all 0"),
            ("00", "digits 1-2 must not be all 0"),
            ("15O6", "ASCII digits"),
            ("１５", "ASCII digits"),  # full-width digits are digits to str.isdigit, not to us
            ("١٥", "ASCII digits"),
            (1506, "must be a string"),
        ],
    )
    def test_a_bad_code_names_itself_and_the_value(self, bad: object, reason: str) -> None:
        with pytest.raises(InvalidValue, match=reason) as info:
            RegionCode(bad)  # type: ignore[arg-type]
        assert info.value.field == "RegionCode"
        assert repr(bad) in str(info.value)


class TestRegion:
    def test_a_township_says_town_or_street(self) -> None:
        with pytest.raises(InvalidValue, match="Region.township_kind"):
            Region(code=RegionCode("150603001"), name="滨河街道")
        street = Region(
            code=RegionCode("150603001"), name="滨河街道", township_kind=TownshipKind.STREET
        )
        assert street.level is RegionLevel.TOWNSHIP

    def test_only_a_community_is_urban_or_rural(self) -> None:
        with pytest.raises(InvalidValue, match="only for communities"):
            Region(code=RegionCode("150603"), name="康巴什区", settlement=SettlementKind.URBAN)
        village = Region(code=YUEHE, name="某村", settlement=SettlementKind.RURAL)
        assert not village.is_urban

    def test_a_blank_name_is_refused_naming_the_field(self) -> None:
        with pytest.raises(InvalidValue) as info:
            Region(code=RegionCode("15"), name="  ")
        assert info.value.field == "Region.name"

    def test_tags_become_a_frozenset(self) -> None:
        region = Region(
            code=YUEHE, name="悦和社区", settlement=SettlementKind.URBAN, tags=["pilot"]
        )
        assert region.tags == frozenset({"pilot"})


class TestSocialOrganization:
    def test_counts_from_its_founding_through_its_dissolution_day(self) -> None:
        org = organization(dissolved=dt.date(2024, 3, 31))
        assert not org.active_on(dt.date(2023, 5, 31))
        assert org.active_on(dt.date(2023, 6, 1))
        assert org.active_on(dt.date(2024, 3, 31))
        assert not org.active_on(dt.date(2024, 4, 1))

    def test_dissolved_before_founded_is_refused(self) -> None:
        with pytest.raises(InvalidValue, match="SocialOrganization.dissolved"):
            organization(dissolved=dt.date(2023, 5, 1))

    def test_a_datetime_is_not_a_date(self) -> None:
        with pytest.raises(InvalidValue, match="must be a date"):
            organization(established=dt.datetime(2023, 6, 1, tzinfo=dt.UTC))

    def test_a_wrong_category_lists_the_allowed_values(self) -> None:
        with pytest.raises(InvalidValue, match="life_service, public_welfare") as info:
            organization(category="mutual_aid")
        assert info.value.field == "SocialOrganization.category"

    def test_a_region_code_must_be_a_region_code_not_a_string(self) -> None:
        with pytest.raises(InvalidValue, match="SocialOrganization.community"):
            organization(community="150603001001")

    def test_records_are_frozen(self) -> None:
        org = organization()
        with pytest.raises(AttributeError):
            org.name = "x"  # type: ignore[misc]

    def test_priority_categories_are_service_welfare_and_mutual_aid(self) -> None:
        assert {c for c in OrganizationCategory if c.is_priority} == {
            OrganizationCategory.LIFE_SERVICE,
            OrganizationCategory.PUBLIC_WELFARE,
            OrganizationCategory.MUTUAL_AID,
        }


def test_every_enum_member_has_a_chinese_label_and_a_lowercase_wire_value() -> None:
    enums = list(LabelledEnum.__subclasses__())
    assert len(enums) >= 12
    for enum in enums:
        for member in enum:
            assert member.label_zh.strip(), member
            assert member.value == member.value.lower() and " " not in member.value
            assert enum.from_value(member.value) is member


def test_a_station_serves_a_region_of_its_own_level() -> None:
    with pytest.raises(InvalidValue, match="a township station serves a township"):
        Station(
            id="s",
            name="社工站",
            level=StationLevel.TOWNSHIP,
            region=RegionCode("150603"),
            established=dt.date(2021, 1, 1),
        )


class TestPosts:
    def test_a_grid_worker_is_posted_over_a_grid(self) -> None:
        with pytest.raises(InvalidValue, match="Post.scope"):
            Post(
                id="p",
                person="x",
                role=Role.FULL_TIME_GRID_WORKER,
                scope=Scope.region(YUEHE),
                start=dt.date(2022, 1, 1),
            )

    def test_a_community_secretary_is_posted_over_a_community(self) -> None:
        with pytest.raises(InvalidValue, match="over a community"):
            Post(
                id="p",
                person="x",
                role=Role.COMMUNITY_SECRETARY,
                scope=Scope.region(RegionCode("150603")),
                start=dt.date(2022, 1, 1),
            )

    def test_an_actor_holds_the_grants_of_posts_active_that_day(self) -> None:
        posts = [
            Post(
                id="1",
                person="w",
                role=Role.GRID_LEADER,
                scope=Scope.grid("g-1"),
                start=dt.date(2022, 1, 1),
                end=dt.date(2022, 12, 31),
            ),
            Post(
                id="2",
                person="w",
                role=Role.SUPERVISOR,
                scope=Scope.region(RegionCode("150603")),
                start=dt.date(2023, 1, 1),
            ),
            Post(
                id="3",
                person="other",
                role=Role.LIAISON,
                scope=Scope.grid("g-1"),
                start=dt.date(2022, 1, 1),
            ),
        ]
        in_2022 = Actor.from_posts("w", posts, on=dt.date(2022, 6, 1))
        in_2023 = Actor.from_posts("w", posts, on=dt.date(2023, 6, 1))
        assert in_2022.roles == {Role.GRID_LEADER}
        assert in_2023.roles == {Role.SUPERVISOR}
        assert in_2023.holds_over(Role.SUPERVISOR, YUEHE)
        assert not in_2023.holds_over(Role.SUPERVISOR, RegionCode("150602"))
        assert not in_2022.holds(Role.LIAISON, Scope.grid("g-1"))

    def test_a_region_scope_key_must_be_a_code(self) -> None:
        with pytest.raises(InvalidValue, match="RegionCode"):
            Scope(Scope.region(YUEHE).kind, "not-a-code")


class TestPersonalData:
    PHONE = "13912345678"
    CARD = "11010519491231002X"

    def test_a_phone_number_never_shows_whole(self) -> None:
        person = Person(id="p", name="王芳", phone=PhoneNumber(self.PHONE))
        for shown in (repr(person), str(person), repr(person.phone), str(person.phone)):
            assert self.PHONE not in shown
            assert "139****5678" in shown
        assert person.phone is not None and person.phone.reveal() == self.PHONE

    def test_an_id_card_number_never_shows_whole(self) -> None:
        person = Person(id="p", name="王芳", id_card=IdCardNumber(self.CARD))
        for shown in (repr(person), str(person), str(person.id_card)):
            assert self.CARD not in shown
            assert "19491231" not in shown  # the birth date is personal too

    @pytest.mark.parametrize(
        "bad",
        ["110105194912310021", "11010519491331002X", "1101051949123100", "21010519491231002A"],
    )
    def test_an_invalid_id_card_number_is_refused_without_showing_it(self, bad: str) -> None:
        with pytest.raises(InvalidValue) as info:
            IdCardNumber(bad)
        assert bad not in str(info.value)
        assert bad[6:14] not in str(info.value)

    def test_an_invalid_phone_number_is_refused_without_showing_it(self) -> None:
        with pytest.raises(InvalidValue) as info:
            PhoneNumber("12912345678")
        assert "12912345678" not in str(info.value)

    def test_the_check_digit_follows_gb_11643(self) -> None:
        # Published example numbers: the check character is computed, not stored.
        assert id_card_check_digit("11010519491231002") == "X"
        assert id_card_check_digit("44052418800101001") == "4"
        assert IdCardNumber("11010519491231002x").reveal() == self.CARD

    def test_a_landline_with_area_code_is_a_phone_number(self) -> None:
        assert PhoneNumber("0477-8581234").reveal() == "04778581234"


def test_an_activity_with_social_workers_and_volunteers_is_joint() -> None:
    base = {
        "id": "a",
        "community": YUEHE,
        "on": dt.date(2022, 9, 1),
        "title": "共享奶奶",
        "area": ServiceArea.CHILD_WELFARE,
    }
    assert Activity(**base, social_workers={"sw"}, volunteers={"v"}).is_joint  # type: ignore[arg-type]
    assert not Activity(**base, volunteers={"v"}).is_joint  # type: ignore[arg-type]


def test_a_set_of_ids_refuses_a_bare_string() -> None:
    with pytest.raises(InvalidValue, match="Activity.volunteers"):
        Activity(
            id="a",
            community=YUEHE,
            on=dt.date(2022, 9, 1),
            title="t",
            area=ServiceArea.CHILD_WELFARE,
            volunteers="v-1",
        )  # type: ignore[arg-type]


def test_every_model_error_is_a_wulian_error_and_a_value_error() -> None:
    with pytest.raises(WulianError):
        Agency(id="", name="中心", kind=AgencyKind.DISPUTE_CENTRE, region=RegionCode("150603"))
    with pytest.raises(ValueError, match="Agency.id"):
        Agency(id="", name="中心", kind=AgencyKind.DISPUTE_CENTRE, region=RegionCode("150603"))


def test_bad_arguments_to_helpers_are_wulian_errors_not_bare_ones() -> None:
    with pytest.raises(InvalidValue, match="Actor.from_posts.posts"):
        Actor.from_posts("p", None, on=dt.date(2022, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="Actor.from_posts.on"):
        Actor.from_posts("p", [], on="2022-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="RegionCode.contains.other"):
        RegionCode("15").contains(15)  # type: ignore[arg-type]
