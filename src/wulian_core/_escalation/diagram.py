"""A policy drawn: its chain as a mermaid flowchart, and its name as plain Markdown.

The view reads a policy through :class:`Chart`, the few fields it draws, so it sits
below the policy it draws. Every label is escaped: a level's name is data from a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from .values import CaseCategory

__all__ = ["Chart", "label", "markdown", "mermaid"]


class Chart(Protocol):
    """What the diagram reads of an escalation policy."""

    @property
    def levels(self) -> Sequence[Any]: ...
    @property
    def intakes(self) -> Sequence[Any]: ...
    @property
    def routes(self) -> Sequence[Any]: ...
    @property
    def auto_escalate(self) -> bool: ...


# Mermaid reads quotes, brackets, arrows' ">" and ";" in a label as syntax, and a line
# break ends a statement even inside quotes, so a label could close its node and add
# statements of its own. Every such character becomes an entity (the named ones mermaid
# knows, numbers for the rest), "#" first of all, and every kind of line break a space.
_MERMAID = str.maketrans(
    {
        "#": "#35;",
        "&": "#amp;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "[": "#91;",
        "]": "#93;",
        "{": "#123;",
        "}": "#125;",
        "(": "#40;",
        ")": "#41;",
        "|": "#124;",
        ";": "#59;",
        "`": "#96;",
        **dict.fromkeys("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "),
    }
)

# Markdown: HTML is live in Jupyter's renderer, and these mark up text.
_MARKDOWN = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        **{c: "\\" + c for c in "\\`*_{}[]()#+-!|~"},
        **dict.fromkeys("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "),
    }
)


def label(text: str) -> str:
    """``text`` as it may stand inside a quoted mermaid label."""
    return text.translate(_MERMAID)


def markdown(text: str) -> str:
    """``text`` as plain words in Markdown: no markup, no HTML, on one line."""
    return text.translate(_MARKDOWN)


def _edges(i: int, targets: Sequence[str], which: str, index: Any, auto: bool) -> list[str]:
    """A route's edges from level ``i``: up by hand, the clock's, and the alternatives.

    The clock (超期) follows the route's default, the first target, as the sweep does;
    the alternatives are the other levels a handler may choose, drawn apart from it.
    """
    first, *others = targets
    lines = [f"    L{i} -- {label(which + '上报')} --> L{index[first]}"]
    if auto:
        lines.append(f"    L{i} -. {label(which + '超期')} .-> L{index[first]}")
    lines += [f"    L{i} -. {label(which + '可上报')} .-> L{index[other]}" for other in others]
    return lines


def mermaid(policy: Chart) -> str:
    # The view sits with the policy: it reads nothing but the policy's own fields.
    lines = ["flowchart LR"]
    index = {level.id: i for i, level in enumerate(policy.levels)}
    for j, intake in enumerate(policy.intakes):
        lines.append(f'    C{j}(["{label(intake.channel.label_zh)}"]) --> L{index[intake.level]}')
    for i, level in enumerate(policy.levels):
        clocks = f"签收 {level.accept.label_zh} · 办结 {level.resolve.label_zh}"
        if level.resolve_from.value == "acceptance":
            clocks += "（签收后）"
        parts = [level.label_zh, clocks]
        if level.extension_limit is not None:
            parts.append(f"延期至多 {level.extension_limit.label_zh}")
        lines.append(f'    L{i}["{"<br/>".join(label(part) for part in parts)}"]')
    channels = tuple(intake.channel for intake in policy.intakes)
    for i, level in enumerate(policy.levels):
        routes = [route for route in policy.routes if route.level == level.id]
        # The level's own edges are for the cases no route of the level takes: all of
        # them without routes, "the others" beside routes, none when routes take every one.
        rest = not routes or any(
            not any(route.matches(channel, category) for route in routes)
            for channel in channels
            for category in CaseCategory
        )
        which = "其他·" if routes else ""
        if rest and level.escalates_to is not None:
            targets = (level.escalates_to, *level.alternatives)
            if routes:
                lines += _edges(i, targets, which, index, policy.auto_escalate)
            else:  # the plain chain draws as it always has: alternatives, 上报, 超期
                lines += [f"    L{i} -. 可上报 .-> L{index[other]}" for other in level.alternatives]
                lines.append(f"    L{i} -- 上报 --> L{index[level.escalates_to]}")
                if policy.auto_escalate:
                    lines.append(f"    L{i} -. 超期 .-> L{index[level.escalates_to]}")
        elif level.escalates_to is None:
            if level.role.value == "agency_staff":
                lines.append(f"    L{i} -- 转办 --> L{i}")
            if rest and policy.auto_escalate:
                lines.append(f'    L{i} -. {label(which + "超期")} .-> S{i}{{{{"督办"}}}}')
        for route in routes:
            kind = " ".join(
                part.label_zh for part in (route.channel, route.category) if part is not None
            )
            lines += _edges(i, route.targets, f"{kind or '全部'}·", index, policy.auto_escalate)
    return "\n".join(lines)
