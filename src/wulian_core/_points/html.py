"""For Jupyter: a passbook and a catalogue as small HTML tables.

Each view reads its subject through a small Protocol of the subject's public queries,
so this module imports neither :class:`~wulian_core.points.Passbook` nor
:class:`~wulian_core.points.Catalogue`; besides the shared helpers it imports only the
values it shows (the ledgers). Every label comes from the one table (``_labels``):
Chinese with English beside by default, English alone with ``lang="en"``. Every text
from the records is escaped; free text (reasons) has its phone and ID-card numbers
masked, and holders show by id. Each view is short by default, with a line saying how many more there are and
the call that shows them all (``to_html(full=True)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Protocol

from wulian_core._html import captioned_table, escape
from wulian_core._labels import (
    Lang,
    check_lang,
    heading,
    label,
    masked_text,
    more_text,
    term,
    term_heading,
)
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import InvalidValue

from .ledger import Account, AccountRole, Entry, Ledger

__all__ = [
    "CatalogueView",
    "HolderView",
    "PassbookView",
    "StatementView",
    "NoticeBoardView",
    "SettlementView",
    "ShopRegistryView",
    "catalogue_html",
    "notice_board_html",
    "passbook_html",
    "settlement_html",
    "shop_registry_html",
    "statement_html",
    "view_options",
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
    @property
    def label_zh(self) -> str: ...


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


def _more(shown: int, total: int, lang: Lang) -> str:
    return f"<p>… {escape(more_text(total - shown, lang))}</p>" if shown < total else ""


def _last(count: object, field: str) -> None:
    if count is not None and (type(count) is not int or count < 0):
        raise InvalidValue(field, count, "must be a whole number >= 0 or None")


def view_options(full: object, lang: object, owner: str) -> Lang:
    """Check a view's ``full`` and ``lang``, naming ``owner.to_html`` in the error."""
    if type(full) is not bool:
        raise InvalidValue(f"{owner}.to_html.full", full, "must be True or False")
    return check_lang(lang, f"{owner}.to_html.lang")


def _at(at: dt.datetime) -> str:
    return at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def passbook_html(book: PassbookView, *, last: int | None = 10, lang: Lang = "zh") -> str:
    """The holder, the three balances and the ``last`` ledger entries (``None``: all).

    Labels come from the one table (Chinese with English beside; English alone with
    ``lang="en"``); reasons are escaped, with phone and ID-card numbers masked.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker, at=at,
    ...                         key="k-1")
    >>> page = passbook_html(book)
    >>> "<td>物质积分 material</td><td>1</td>" in page
    True
    >>> "<td>material</td><td>1</td>" in passbook_html(book, lang="en")
    True
    """
    _last(last, "passbook_html.last")
    holder = book.holder
    balances: list[tuple[object, ...]] = [
        (term_heading(ledger, lang), book.balance(ledger)) for ledger in Ledger
    ]
    balances.append((heading("star_level", lang), book.star_level))
    entries = list(book.entries())
    shown = entries if last is None else (entries[-last:] if last else [])  # [-0:] is all
    account = (AccountRole.HOLDER, holder.id)
    lines: list[tuple[object, ...]] = [
        (
            _at(e.at),
            term(e.ledger, lang),
            e.amount if (e.target.role, e.target.key) == account else -e.amount,
            masked_text(e.reason),
        )
        for e in shown
    ]
    title = (
        f"{heading('passbook', lang)} {holder.id} ({term(holder.kind, lang)}, {holder.community})"
    )
    head = tuple(heading(key, lang) for key in ("time", "ledger", "change", "reason"))
    caption = f"{heading('latest_entries', lang)}: {len(shown)} / {len(entries)}"
    return (
        captioned_table((heading("ledger", lang), heading("balance", lang)), balances, title)
        + captioned_table(head, lines, caption)
        + _more(len(shown), len(entries), lang)
    )


def catalogue_html(catalogue: CatalogueView, *, first: int | None = 20, lang: Lang = "zh") -> str:
    """A redemption point's items, prices and stock: the ``first`` items by id (``None``: all).

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> "<td>soap</td><td>肥皂</td><td>3</td><td>2</td>" in catalogue_html(shop)
    True
    >>> "<th>price in points</th>" in catalogue_html(shop, lang="en")
    True
    """
    _last(first, "catalogue_html.first")
    items = sorted(catalogue.items())
    shown = items if first is None else items[:first]
    rows: list[tuple[object, ...]] = [
        (item, catalogue.name(item), catalogue.price(item), catalogue.stock(item)) for item in shown
    ]
    title = f"{heading('catalogue', lang)} {catalogue.point} ({catalogue.community})"
    head = tuple(heading(key, lang) for key in ("item", "name", "price", "stock"))
    return captioned_table(head, rows, title) + _more(len(shown), len(items), lang)


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
    _last(last, "statement_html.last")
    lines = list(statement.lines)
    shown = lines if last is None else (lines[-last:] if last else [])
    title = (
        f"{heading('statement', lang)}: {statement.holder} {term(statement.ledger, lang)}"
        f" {statement.start.isoformat()} – {statement.end.isoformat()}"
    )
    totals: list[tuple[object, ...]] = [
        (heading("opening", lang), statement.opening),
        (heading("closing", lang), statement.closing),
    ]
    rows: list[tuple[object, ...]] = [
        (
            _at(line.at),
            line.amount,
            f"{term(line.counterparty.role, lang)} {line.counterparty.key}",
            masked_text(line.reason),
            line.balance,
        )
        for line in shown
    ]
    caption = f"{heading('shown', lang)}: {len(shown)} / {len(lines)}"
    head = tuple(heading(k, lang) for k in ("time", "amount", "counterparty", "reason", "balance"))
    return (
        captioned_table((heading("ledger", lang), heading("balance", lang)), totals, title)
        + captioned_table(head, rows, caption)
        + _more(len(shown), len(lines), lang)
    )


class _Point(Protocol):
    @property
    def point(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> _Valued: ...
    @property
    def community(self) -> object: ...
    @property
    def yuan_per_point(self) -> object: ...
    @property
    def active(self) -> bool: ...


class _Booking(Protocol):
    @property
    def status(self) -> _Valued: ...


class ShopRegistryView(Protocol):
    """The queries of a shop registry its view reads."""

    @property
    def registry(self) -> str: ...
    @property
    def region(self) -> object: ...
    def points(self) -> Sequence[_Point]: ...
    def appointments(self) -> Iterator[_Booking]: ...


def shop_registry_html(
    registry: ShopRegistryView, *, first: int | None = 20, lang: Lang = "zh"
) -> str:
    """A registry's redemption points (the ``first`` ones, or all) and its appointments.

    >>> from wulian_core.examples import shops_example
    >>> shops, staff, at = shops_example()
    >>> "<td>合作商家</td><td>150603001001</td><td>0.10</td><td>是</td>" in shop_registry_html(shops)
    True
    """
    _last(first, "shop_registry_html.first")
    points = list(registry.points())
    shown = points if first is None else points[:first]
    yes, no = label("yes", lang), label("no", lang)
    rows: list[tuple[object, ...]] = [
        (
            p.point,
            p.name,
            term(p.kind, lang),
            p.community,
            p.yuan_per_point,
            yes if p.active else no,
        )
        for p in shown
    ]
    keys = ("point", "name", "kind", "community", "yuan_per_point", "active")
    title = f"{heading('shop_registry', lang)} {registry.registry} ({registry.region})"
    counts: dict[str, int] = {}
    for booking in registry.appointments():
        counts[term(booking.status, lang)] = counts.get(term(booking.status, lang), 0) + 1
    booked = " · ".join(f"{status} {n}" for status, n in counts.items()) or "0"
    return (
        captioned_table(tuple(heading(k, lang) for k in keys), rows, title)
        + _more(len(shown), len(points), lang)
        + f"<p>{escape(heading('appointments', lang))}: {escape(booked)}</p>"
    )


class _Posting(Protocol):
    @property
    def posting(self) -> str: ...
    @property
    def holder(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def until(self) -> dt.datetime: ...
    @property
    def objections(self) -> Sequence[str]: ...
    @property
    def status(self) -> _Valued: ...


class NoticeBoardView(Protocol):
    """The queries of a notice board its view reads."""

    @property
    def board(self) -> str: ...
    @property
    def community(self) -> object: ...
    def postings(self) -> Iterator[_Posting]: ...


def notice_board_html(board: NoticeBoardView, *, last: int | None = 20, lang: Lang = "zh") -> str:
    """A notice board's postings (the ``last`` ones, or all): who, why, until when, where.

    The board is public: reasons are escaped, with phone and ID-card numbers masked.

    >>> from wulian_core.examples import notice_board_example
    >>> board, book, staff, panel, at = notice_board_example()
    >>> "<td>2024-03-09 00:00</td><td>0</td><td>公示中</td>" in notice_board_html(board)
    True
    """
    _last(last, "notice_board_html.last")
    postings = list(board.postings())
    shown = postings if last is None else (postings[-last:] if last else [])
    rows: list[tuple[object, ...]] = [
        (
            p.posting,
            p.holder,
            p.category,
            masked_text(p.reason),
            _at(p.until),
            len(p.objections),
            term(p.status, lang),
        )
        for p in shown
    ]
    keys = ("posting", "holder", "category", "reason", "until", "objections", "status")
    title = f"{heading('notice_board', lang)} {board.board} ({board.community})"
    return captioned_table(tuple(heading(k, lang) for k in keys), rows, title) + _more(
        len(shown), len(postings), lang
    )


class _SettlementLine(Protocol):
    @property
    def point(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def yuan_per_point(self) -> object: ...
    @property
    def orders(self) -> int: ...
    @property
    def redeemed(self) -> int: ...
    @property
    def cancelled(self) -> int: ...
    @property
    def handed_over(self) -> int: ...
    @property
    def owed(self) -> object: ...


class SettlementView(Protocol):
    """The fields of a settlement its view reads."""

    @property
    def registry(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def lines(self) -> Sequence[_SettlementLine]: ...
    @property
    def unregistered(self) -> int: ...
    @property
    def total_owed(self) -> object: ...


def settlement_html(
    settlement: SettlementView, *, first: int | None = 20, lang: Lang = "zh"
) -> str:
    """A month's settlement: each point's line (the ``first`` ones, or all), then the totals.

    >>> from wulian_core.examples import shops_example
    >>> from wulian_core.points import settle_month
    >>> shops, staff, at = shops_example()
    >>> "<td>合计应付（元） total owed (yuan)</td><td>0.00</td>" in settlement_html(
    ...     settle_month(shops, month=at.date(), passbooks=[]))
    True
    """
    _last(first, "settlement_html.first")
    lines = list(settlement.lines)
    shown = lines if first is None else lines[:first]
    keys = ("point", "name", "yuan_per_point", "orders", "points_redeemed", "points_cancelled")
    rows: list[tuple[object, ...]] = [
        (
            line.point,
            line.name,
            line.yuan_per_point,
            line.orders,
            line.redeemed,
            line.cancelled,
            line.handed_over,
            line.owed,
        )
        for line in shown
    ]
    head = tuple(heading(k, lang) for k in (*keys, "handed_over", "owed"))
    title = (
        f"{heading('settlement', lang)} {settlement.registry}"
        f" {settlement.start.isoformat()} – {settlement.end.isoformat()}"
    )
    totals: list[tuple[object, ...]] = [
        (heading("total_owed", lang), settlement.total_owed),
        (heading("unregistered", lang), settlement.unregistered),
    ]
    return (
        captioned_table(head, rows, title)
        + _more(len(shown), len(lines), lang)
        + captioned_table((heading("figure", lang), heading("amount", lang)), totals, "")
    )
