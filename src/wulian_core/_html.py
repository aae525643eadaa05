"""What every HTML view shares: escaping, and tables whose every cell is escaped.

The renderers (a directory's counts, a case's timeline, a passbook, a report) build on
these and sit above what they render.
"""

from __future__ import annotations

from typing import Any

__all__ = ["captioned_table", "escape", "table"]


def escape(value: object) -> str:
    """``value`` as text, safe inside an element or an attribute.

    >>> escape('<b title="x">')
    '&lt;b title=&quot;x&quot;&gt;'
    """
    # html.escape(text, quote=True), written out: importing the html module builds its
    # table of 2,231 named entities, which escaping never reads.
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def captioned_table(head: tuple[str, ...], rows: list[tuple[object, ...]], caption: str) -> str:
    """A small table with a caption, a header row and one row per tuple.

    >>> captioned_table(("a",), [("<b>",)], "t")
    '<table><caption>t</caption><tr><th>a</th></tr><tr><td>&lt;b&gt;</td></tr></table>'
    """
    header = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><caption>{escape(caption)}</caption><tr>{header}</tr>{body}</table>"


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """An HTML table with a header row; every cell is escaped.

    >>> table(["a"], [["<b>"]])
    '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
