"""The escaping and table helpers every HTML view shares; every text is escaped."""

from __future__ import annotations

import html

__all__ = ["captioned_table", "escape"]


def escape(value: object) -> str:
    """``value`` as text, safe inside an element or an attribute.

    >>> escape('<b title="x">')
    '&lt;b title=&quot;x&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def captioned_table(head: tuple[str, ...], rows: list[tuple[object, ...]], caption: str) -> str:
    """A small table with a caption, a header row and one row per tuple.

    >>> captioned_table(("a",), [("<b>",)], "t")
    '<table><caption>t</caption><tr><th>a</th></tr><tr><td>&lt;b&gt;</td></tr></table>'
    """
    header = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><caption>{escape(caption)}</caption><tr>{header}</tr>{body}</table>"
