"""For Jupyter: a passbook and a catalogue as small HTML tables.

Each view reads its subject through a small Protocol of the subject's public queries,
so this module imports neither :class:`~wulian_core.points.Passbook` nor
:class:`~wulian_core.points.Catalogue`; besides the shared helpers it imports only the
values it shows (the ledgers). Every text from the records (names, reasons) is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Protocol

from wulian_core._html import captioned_table
from wulian_core._labels import Lang, heading
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import InvalidValue

from .ledger import Account, AccountRole, Entry, Ledger

__all__ = [
    "CatalogueView",
    "HolderView",
    "PassbookView",
    "StatementView",
    "catalogue_html",
    "passbook_html",
    "statement_html",
]


class HolderView(Protocol):
    """What the passbook's view shows of its holder."""

    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> _Valued: ...

    @property
    def community(self) -> object: ...


class _Valued(Protocol):
    @property
    def value(self) -> str: ...


class PassbookView(Protocol):
    """The queries of a passbook its view reads."""

    @property
    def holder(self) -> HolderView: ...

    @property
    def star_level(self) -> int: ...

    def balance(self, ledger: Ledger = ..., /) -> int: ...

    def entries(self) -> Iterator[Entry]: ...


class CatalogueView(Protocol):
    """The queries of a catalogue its view reads."""

    @property
    def point(self) -> str: ...

    @property
    def community(self) -> object: ...

    def items(self) -> tuple[str, ...]: ...

    def name(self, item: str) -> str: ...

    def price(self, item: str) -> int: ...

    def stock(self, item: str) -> int: ...


def passbook_html(book: PassbookView, *, last: int = 10) -> str:
    """The holder, the three balances and the ``last`` ledger entries of a passbook.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
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
    return captioned_table(("账户 ledger", "余额 balance"), balances, title) + captioned_table(
        ("时间 at", "账户 ledger", "变动 change", "事由 reason"), lines, "最近记录 latest entries"
    )


def catalogue_html(catalogue: CatalogueView) -> str:
    """A redemption point's items, prices and stock.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> "<td>soap</td><td>肥皂</td><td>3</td><td>2</td>" in catalogue_html(shop)
    True
    """
    rows: list[tuple[object, ...]] = [
        (item, catalogue.name(item), catalogue.price(item), catalogue.stock(item))
        for item in sorted(catalogue.items())
    ]
    title = f"兑换点 Redemption point {catalogue.point} ({catalogue.community})"
    return captioned_table(("物品 item", "名称 name", "积分 price", "库存 stock"), rows, title)


class StatementLineView(Protocol):
    """What the statement's view shows of one line."""

    @property
    def at(self) -> dt.datetime: ...
    @property
    def reason(self) -> str: ...
    @property
    def amount(self) -> int: ...
    @property
    def counterparty(self) -> Account: ...
    @property
    def balance(self) -> int: ...


class StatementView(Protocol):
    """The fields of a statement its view reads."""

    @property
    def holder(self) -> str: ...
    @property
    def ledger(self) -> Ledger: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def opening(self) -> int: ...
    @property
    def closing(self) -> int: ...
    @property
    def lines(self) -> Sequence[StatementLineView]: ...


def statement_html(statement: StatementView, *, last: int | None = 20, lang: Lang = "zh") -> str:
    """A statement: opening and closing balances, then its lines (the ``last`` ones, or all).

    >>> import datetime as dt
    >>> from wulian_core.points import Ledger, Statement
    >>> page = statement_html(Statement(holder="p-3", ledger=Ledger.MATERIAL,
    ...     start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31), opening=5, lines=(), closing=5))
    >>> "<td>期初 opening</td><td>5</td>" in page
    True
    """
    if last is not None and (type(last) is not int or last < 0):
        raise InvalidValue("statement_html.last", last, "must be a whole number >= 0 or None")
    lines = list(statement.lines)
    shown = lines if last is None else (lines[-last:] if last else [])
    ledger = statement.ledger.value if lang == "en" else statement.ledger.label_zh
    title = (
        f"{heading('ledger', lang)}: {statement.holder} {ledger}"
        f" {statement.start.isoformat()} – {statement.end.isoformat()}"
    )
    totals: list[tuple[object, ...]] = [
        (heading("opening", lang), statement.opening),
        (heading("closing", lang), statement.closing),
    ]
    rows: list[tuple[object, ...]] = [
        (
            line.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"),
            line.amount,
            f"{line.counterparty.role.value}:{line.counterparty.key}",
            line.reason,
            line.balance,
        )
        for line in shown
    ]
    more = len(lines) - len(shown)
    caption = f"{len(shown)} / {len(lines)}" + (f" (+{more})" if more else "")
    head = tuple(heading(k, lang) for k in ("time", "amount", "counterparty", "reason", "balance"))
    return captioned_table(
        (heading("ledger", lang), heading("balance", lang)), totals, title
    ) + captioned_table(head, rows, caption)
