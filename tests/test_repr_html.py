"""Jupyter shows a directory, a passbook, a catalogue, a statement and a progress run as
small, escaped HTML tables, labelled from the one table in Chinese or English."""

from __future__ import annotations

import datetime as dt

import attrs

from wulian_core import synth
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import Catalogue, Holder, HolderKind, Passbook, PointsPolicy
from wulian_core.regions import RegionCode

HOME = RegionCode("150603001001")
STAFF = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
AT = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)


def test_a_directory_shows_its_record_counts() -> None:
    directory = synth.kangbashi(seed=0)
    page = directory._repr_html_()
    assert page.startswith("<table>")
    assert f"<td>居民 residents</td><td>{len(directory.residents)}</td>" in page
    assert f"<td>岗位 posts</td><td>{len(directory.posts)}</td>" in page


def test_a_passbook_shows_its_balances_and_escaped_reasons() -> None:
    book = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy.practice(),
        by=STAFF,
        at=AT,
    )
    book.record_service(activity="a-1", on=AT.date(), minutes=150, by=STAFF, at=AT, key="s-1")
    book.award_moral(category="filial_piety", reason="<b>孝</b>", by=STAFF, at=AT, key="m-1")
    page = book._repr_html_()
    assert "<td>志愿服务时长 service minutes</td><td>120</td>" in page
    assert "<td>物质积分 material</td><td>2</td>" in page
    assert "<td>品德积分 moral</td><td>3</td>" in page
    assert "<b>" not in page


def test_a_catalogue_shows_items_prices_and_stock_escaped() -> None:
    shop = Catalogue.open(point="market-1", community=HOME, by=STAFF, at=AT)
    shop.list_item(item="soap", name="<i>肥皂</i>", price=3, stock=2, by=STAFF, at=AT, key="l-1")
    page = shop._repr_html_()
    assert "<td>soap</td><td>&lt;i&gt;肥皂&lt;/i&gt;</td><td>3</td><td>2</td>" in page


def test_a_directory_with_nothing_shows_zeros() -> None:
    empty = attrs.evolve(synth.kangbashi(seed=0), activities=())
    assert "<td>活动 activities</td><td>0</td>" in empty._repr_html_()


def test_asking_for_no_entries_shows_none_and_a_bad_count_is_named() -> None:
    import pytest

    from wulian_core._points.html import passbook_html
    from wulian_core.errors import InvalidValue

    book = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy.practice(),
        by=STAFF,
        at=AT,
    )
    book.record_service(activity="a-1", on=AT.date(), minutes=60, by=STAFF, at=AT, key="s-1")
    assert "a-1" in passbook_html(book, last=5)
    assert "a-1" not in passbook_html(book, last=0)
    with pytest.raises(InvalidValue, match="passbook_html.last"):
        passbook_html(book, last="x")  # type: ignore[arg-type]


def _book(entries: int, reason: str = "服务") -> Passbook:
    book = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy.practice(),
        by=STAFF,
        at=AT,
    )
    for n in range(entries):
        at = AT + dt.timedelta(days=n)
        book.accrue_activity(
            activity=f"a-{n}",
            on=at.date(),
            activity_kind="meeting",
            by=STAFF,
            at=at,
            key=f"k-{n}",
        )
    last = AT + dt.timedelta(days=entries)
    book.award_moral(category="filial_piety", reason=reason, by=STAFF, at=last, key="m-1")
    return book


def test_a_passbook_is_short_by_default_and_whole_one_call_away() -> None:
    book = _book(14)
    short, whole = book._repr_html_(), book.to_html(full=True)
    assert short == book.to_html()
    assert short.count("<tr>") < whole.count("<tr>")
    assert "另有 5" in short and "to_html(full=True)" in short  # 15 entries, 10 shown
    assert "另有" not in whole and "a-0" in whole and "a-0" not in short


def test_a_passbook_in_english_has_no_chinese_labels() -> None:
    page = _book(1).to_html(lang="en")
    for word in (
        "Passbook",
        "<th>ledger</th>",
        "<th>balance</th>",
        "<td>material</td>",
        "star level",
    ):
        assert word in page
    for word in ("电子存折", "账户", "余额", "物质积分", "星级", "个人"):
        assert word not in page


def test_a_reason_with_a_phone_or_id_card_number_is_shown_masked_and_escaped() -> None:
    page = _book(0, reason="<i>回访</i> 13800138000 11010519491231002X").to_html(full=True)
    assert "13800138000" not in page and "138****8000" in page
    assert "11010519491231002X" not in page and "110105********002X" in page
    assert "<i>" not in page and "&lt;i&gt;" in page


def test_a_statement_is_short_by_default_and_labelled_in_either_language() -> None:
    book = _book(24)
    statement = book.statement(start=AT.date(), end=(AT + dt.timedelta(days=23)).date())
    assert len(statement.lines) == 24
    short = statement._repr_html_()
    assert "另有 4" in short and "对账单 Statement" in short
    assert "另有" not in statement.to_html(full=True)
    english = statement.to_html(lang="en")
    assert "<td>opening</td>" in english and "4 more" in english and "期初" not in english
    assert "issuer 150603001001" in english


def test_a_catalogue_lists_twenty_items_and_the_rest_on_request() -> None:
    shop = Catalogue.open(point="market-1", community=HOME, by=STAFF, at=AT)
    for n in range(23):
        shop.list_item(
            item=f"i-{n:02}", name=f"物品{n}", price=1, stock=1, by=STAFF, at=AT, key=f"l-{n}"
        )
    assert "另有 3" in shop._repr_html_() and "i-22" not in shop._repr_html_()
    assert "i-22" in shop.to_html(full=True)
    english = shop.to_html(lang="en")
    assert "Redemption point market-1" in english and "<th>stock</th>" in english
    assert "兑换点" not in english


def test_a_directory_and_a_progress_run_are_labelled_in_english_on_request() -> None:
    from wulian_core import policies
    from wulian_core.rules import progress

    directory = synth.kangbashi(seed=0)
    assert "<td>residents</td>" in directory.to_html(lang="en")
    assert "居民" not in directory.to_html(lang="en")
    run = progress(
        policies.load("shaanxi-2022"), directory, [dt.date(2022, 12, 31), dt.date(2023, 12, 31)]
    )
    assert "2022-12-31" not in run._repr_html_() and "2022-12-31" in run.to_html(full=True)
    assert "未达标 not met" in run._repr_html_()
    english = run.to_html(lang="en")
    assert "<th>not met</th>" in english and "未达标" not in english


def test_every_view_refuses_a_bad_language_or_flag_naming_it() -> None:
    import pytest

    from wulian_core import policies
    from wulian_core.errors import InvalidValue
    from wulian_core.rules import progress

    book = _book(1)
    shop = Catalogue.open(point="market-1", community=HOME, by=STAFF, at=AT)
    statement = book.statement(start=AT.date(), end=AT.date())
    directory = synth.kangbashi(seed=0)
    run = progress(policies.load("shaanxi-2022"), directory, [dt.date(2023, 12, 31)])
    for owner, view in (
        ("Passbook", book),
        ("Catalogue", shop),
        ("Statement", statement),
        ("Progress", run),
    ):
        with pytest.raises(InvalidValue, match=f"{owner}.to_html.lang"):
            view.to_html(lang="fr")  # type: ignore[attr-defined]
        with pytest.raises(InvalidValue, match=f"{owner}.to_html.full"):
            view.to_html(full="yes")  # type: ignore[attr-defined]
    with pytest.raises(InvalidValue, match="Directory.to_html.lang"):
        directory.to_html(lang="de")


def test_a_shop_registry_shows_its_points_and_appointments_in_either_language() -> None:
    from wulian_core.examples import shops_example

    shops, _, _ = shops_example()
    page = shops._repr_html_()
    assert "兑换点名录 Redemption points" in page and "<td>合作商家</td>" in page
    assert "预约 appointments: 0" in page
    english = shops.to_html(lang="en")
    assert "<td>partner shop</td>" in english and "<td>yes</td>" in english
    assert "合作商家" not in english and "兑换点" not in english


def test_a_notice_board_masks_numbers_in_a_reason_and_labels_in_either_language() -> None:
    from wulian_core.examples import notice_board_example

    board, book, staff, _, at = notice_board_example()
    from wulian_core.calendar import ChinaCalendar

    board.post(
        book,
        category="filial_piety",
        reason="<b>照顾老人</b> 电话 13800138000",
        calendar=ChinaCalendar.official(),
        by=staff,
        at=at,
        key="post-2",
    )
    page = board._repr_html_()
    assert "13800138000" not in page and "138****8000" in page
    assert "<b>" not in page and "公示中" in page
    english = board.to_html(lang="en")
    assert "Moral-points notice board" in english and "<td>posted</td>" in english
    assert "公示中" not in english


def test_a_registration_shows_its_status_and_never_the_phone_number() -> None:
    from wulian_core.examples import volunteering_people
    from wulian_core.volunteering import VolunteerRegistration

    who, at = volunteering_people()
    reg = VolunteerRegistration.register(
        person=who.volunteer_person, community=who.home, skills={"陪伴"}, by=who.volunteer, at=at
    )
    page = reg._repr_html_()
    assert "志愿者注册 Volunteer registration p-3" in page and "待审核" in page
    assert who.volunteer_person.phone is not None
    assert who.volunteer_person.phone.reveal() not in page and "8000" not in page
    reg.approve(by=who.worker, at=at)
    english = reg.to_html(lang="en")
    assert f"<td>{at.date().isoformat()}</td>" in english and "<td>active</td>" in english
    assert "待审核" not in english


def test_an_activity_lists_twenty_people_then_says_how_many_more() -> None:
    from wulian_core.examples import activity_opened

    act, who, at = activity_opened(capacity=30)
    for n in range(23):
        act.sign_up(person=f"p-{100 + n}", by=who.worker, at=at)
    page = act._repr_html_()
    assert "另有 3" in page and "p-122" not in page and "<td>23 / 30</td>" in page
    assert "p-122" in act.to_html(full=True)
    english = act.to_html(lang="en")
    assert "<td>confirmed</td>" in english and "3 more" in english and "已确认" not in english


def test_an_activity_view_masks_numbers_in_its_title_and_place() -> None:
    from wulian_core.examples import activity_opened
    from wulian_core.volunteering import CommunityActivity

    activity, _, _ = activity_opened(capacity=1)
    opening = attrs.evolve(
        activity.events[0], title="助老活动 联系13800138000", place="活动室 110101199003071234"
    )
    page = CommunityActivity.replay([opening]).to_html()
    assert "13800138000" not in page and "110101199003071234" not in page
    assert "138****8000" in page
