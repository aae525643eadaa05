"""Jupyter shows a directory, a passbook and a catalogue as small, escaped HTML tables."""

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
    assert "<td>志愿服务时长 service_minutes</td><td>120</td>" in page
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
