"""Ready-made passbooks and catalogues for the doctests, published as :mod:`wulian_core.examples`."""

from __future__ import annotations

import datetime as dt

import attrs

from wulian_core.calendar import SHANGHAI, ChinaCalendar
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

from .catalogue import Catalogue
from .events import Holder, HolderKind
from .notice_board import MoralNoticeBoard
from .passbook import Passbook
from .policy import PointsPolicy
from .shop_events import PointKind
from .shops import ShopRegistry

__all__ = ["catalogue_example", "notice_board_example", "passbook_example", "shops_example"]


def passbook_example() -> tuple[Passbook, Actor, Actor, dt.datetime]:
    """``(passbook, worker, holder, at)``: person p-3's new passbook in community
    150603001001 under the practice policy, community worker p-9, 2024-03-01 09:00.

    Each call makes a new passbook, so an example may change it freely.

    >>> book, worker, me, at = passbook_example()
    >>> book.holder.id, worker.person, me.person, at.isoformat()
    ('p-3', 'p-9', 'p-3', '2024-03-01T09:00:00+08:00')
    """
    home = RegionCode("150603001001")
    worker = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    at = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
    holder = Holder(id="p-3", kind=HolderKind.PERSON, community=home)
    book = Passbook.open(holder, policy=PointsPolicy.practice(), by=worker, at=at)
    return book, worker, Actor("p-3"), at


def catalogue_example() -> tuple[Catalogue, Actor, dt.datetime]:
    """``(catalogue, staff, at)``: redemption point market-1 of community 150603001001,
    soap (肥皂) listed at 3 points with 2 in stock, community worker p-9 as its staff,
    2024-03-01 09:00; the same instant and community as :func:`passbook_example`.

    >>> shop, staff, at = catalogue_example()
    >>> shop.point, shop.items(), shop.stock("soap"), staff.person
    ('market-1', ('soap',), 2, 'p-9')
    """
    home = RegionCode("150603001001")
    staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    at = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
    shop = Catalogue.open(point="market-1", community=home, by=staff, at=at)
    shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=staff, at=at, key="l-1")
    return shop, staff, at


def shops_example() -> tuple[ShopRegistry, Actor, dt.datetime]:
    """``(registry, staff, at)``: street 150603001's registry kangbashi-001 with one
    partner shop, shop-1 (便民理发店) of community 150603001001, at 0.10 yuan a point,
    taking soap and haircuts; a haircut slot, slot-1, the next day at 09:00 with 3
    places at 5 points; community worker p-9, 2024-03-01 09:00, as in
    :func:`passbook_example`.

    >>> shops, staff, at = shops_example()
    >>> shops.registry, [p.point for p in shops.points()], shops.places_left("slot-1")
    ('kangbashi-001', ['shop-1'], 3)
    """
    home = RegionCode("150603001001")
    staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    at = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
    shops = ShopRegistry.open(
        registry="kangbashi-001", region=RegionCode("150603001"), by=staff, at=at
    )
    shops.register(
        point="shop-1",
        name="便民理发店",
        kind=PointKind.PARTNER_SHOP,
        community=home,
        yuan_per_point="0.10",
        accepts={"soap", "haircut"},
        by=staff,
        at=at,
        key="reg-shop-1",
    )
    shops.open_slot(
        point="shop-1",
        service="haircut",
        starts=at + dt.timedelta(days=1),
        capacity=3,
        points=5,
        by=staff,
        at=at,
        key="slot-1",
    )
    return shops, staff, at


def notice_board_example() -> tuple[MoralNoticeBoard, Passbook, Actor, Actor, dt.datetime]:
    """``(board, passbook, staff, panel, at)``: community 150603001001's notice board
    board-1, where community worker p-9 posted on Friday 2024-03-01 09:00 an award
    (post-1, 孝老爱亲) to p-3, whose policy posts moral points for 5 working days: until
    the end of Friday 2024-03-08; p-7 sits on the community's review panel (复核小组).

    >>> board, book, staff, panel, at = notice_board_example()
    >>> board.board, book.policy.moral_posting_days, panel.person
    ('board-1', 5, 'p-7')
    """
    home = RegionCode("150603001001")
    staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    panel = Actor("p-7", {Grant(Role.REVIEW_PANEL, Scope.region(home))})
    at = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
    policy = attrs.evolve(PointsPolicy.practice(), moral_posting_days=5)
    holder = Holder(id="p-3", kind=HolderKind.PERSON, community=home)
    book = Passbook.open(holder, policy=policy, by=staff, at=at)
    board = MoralNoticeBoard.open(board="board-1", community=home, by=staff, at=at)
    board.post(
        book,
        category="filial_piety",
        reason="照顾卧床婆婆十年",
        calendar=ChinaCalendar.official(),
        by=staff,
        at=at,
        key="post-1",
    )
    return board, book, staff, panel, at
