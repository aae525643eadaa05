"""What every HTML view shares: escaping, and a table whose every cell is escaped.

The renderers (a directory's counts, a case's timeline, a passbook, a report) build on
these and sit above what they render.
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["escape", "table"]


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """An HTML table; every cell is escaped.

    >>> table(["a"], [["<b>"]])
    '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
