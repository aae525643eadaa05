"""For Jupyter: a directory, a passbook and a catalogue as small HTML tables.

Every text from the records (names, reasons) is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ._points_ledger import AccountRole, Ledger
from .calendar import SHANGHAI
from .errors import InvalidValue

if TYPE_CHECKING:
    from ._catalogue import Catalogue
    from .directory import Directory
    from .points import Passbook

__all__ = ["catalogue_html", "directory_html", "passbook_html"]

_DIRECTORY_ROWS = (
    ("regions", "地区", "regions"),
    ("persons", "人员", "persons"),
    ("residents", "居民", "residents"),
    ("grids", "网格", "grids"),
    ("posts", "岗位", "posts"),
    ("organizations", "社会组织", "social organizations"),
    ("stations", "社工站", "social-work stations"),
    ("social_workers", "社会工作者", "social workers"),
    ("volunteers", "志愿者", "volunteers"),
    ("agencies", "专门机构", "agencies"),
    ("activities", "活动", "activities"),
    ("station_work", "社工站工作记录", "station work records"),
    ("charity_funds", "慈善基金", "charity funds"),
    ("charity_projects", "慈善项目", "charity projects"),
)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(head: tuple[str, ...], rows: list[tuple[object, ...]], caption: str) -> str:
    header = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><caption>{_e(caption)}</caption><tr>{header}</tr>{body}</table>"


def directory_html(directory: Directory) -> str:
    """How many records of each kind the directory holds, in Chinese and English.

    >>> from wulian_core import synth
    >>> page = directory_html(synth.kangbashi())
    >>> "<td>社会组织 social organizations</td><td>211</td>" in page
    True
    """
    rows: list[tuple[object, ...]] = [
        (f"{zh} {en}", len(getattr(directory, name))) for name, zh, en in _DIRECTORY_ROWS
    ]
    return _table(("记录 records", "数量 count"), rows, "目录 Directory")


def passbook_html(book: Passbook, *, last: int = 10) -> str:
    """The holder, the three balances and the ``last`` ledger entries of a passbook.

    >>> from wulian_core._points_guard import example
    >>> book, worker, me, at = example()
    >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker, at=at,
    ...                         key="k-1")
    >>> page = passbook_html(book)
    >>> "<td>物质积分 material</td><td>1</td>" in page
    True
    """
    holder = book.holder
    balances: list[tuple[object, ...]] = [
        (f"{ledger.label_zh} {ledger.value}", book.balance(ledger)) for ledger in Ledger
    ]
    balances.append(("星级 star level", book.star_level))
    if type(last) is not int or last < 0:
        raise InvalidValue("passbook_html.last", last, "must be a whole number >= 0")
    entries = list(book.entries())[-last:] if last else []  # [-0:] would be every entry
    account = (AccountRole.HOLDER, holder.id)
    lines: list[tuple[object, ...]] = [
        (
            e.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"),
            e.ledger.label_zh,
            e.amount if (e.target.role, e.target.key) == account else -e.amount,
            e.reason,
        )
        for e in entries
    ]
    title = f"电子存折 Passbook {holder.id} ({holder.kind.value}, {holder.community})"
    return _table(("账户 ledger", "余额 balance"), balances, title) + _table(
        ("时间 at", "账户 ledger", "变动 change", "事由 reason"), lines, "最近记录 latest entries"
    )


def catalogue_html(catalogue: Catalogue) -> str:
    """A redemption point's items, prices and stock.

    >>> import datetime as dt
    >>> from wulian_core.people import Actor, Grant, Role, Scope
    >>> from wulian_core.points import Catalogue
    >>> from wulian_core.regions import RegionCode
    >>> home = RegionCode("150603001001")
    >>> staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    >>> at = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    >>> shop = Catalogue.open(point="market-1", community=home, by=staff, at=at)
    >>> _ = shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=staff, at=at, key="l-1")
    >>> "<td>soap</td><td>肥皂</td><td>3</td><td>2</td>" in catalogue_html(shop)
    True
    """
    rows: list[tuple[object, ...]] = [
        (item, found.name, found.price, found.stock)
        for item, found in sorted(catalogue._items.items())
    ]
    title = f"兑换点 Redemption point {catalogue.point} ({catalogue._community})"
    return _table(("物品 item", "名称 name", "积分 price", "库存 stock"), rows, title)
