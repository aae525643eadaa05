"""Routes as data: where a case goes up from a level, by its channel and category.

A level names its default next level (``escalates_to``) and the permitted alternatives
(``alternatives``); a :class:`Route` of the policy overrides both for the cases it
matches (a channel, a category, or both), the first matching route winning. So within
one policy a platform report may go from the grid team straight to the agency while a
case met in person climbs through the secretary ("社区网格工作队伍对通过平台上报的各类问题诉求
第一时间进行处置，处置不了的由专门机构第一时间受理").

:func:`route_problems` checks the graph when a policy is built, for every channel the
policy takes and every category: every level reachable on some route, no dead ends
(only the last level, the top, escalates nowhere), and no cycle without a way out to the
top; the default routes, which auto-escalation follows, must reach the top too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue

from .values import CaseCategory, CaseChannel

__all__ = ["Route", "next_levels", "policy_problems", "route_problems"]


def _ids(instance: object, attribute: Any, value: Any) -> None:
    name = _checks.field_name(instance, attribute)
    if type(value) is not tuple:
        raise InvalidValue(name, value, "must be a sequence of level ids")
    for position, item in enumerate(value):
        _checks.identifier(instance, attribute, item)
        if item in value[:position]:
            raise InvalidValue(name, value, f"names level {item!r} twice")


def level_ids() -> Any:
    """The field of a tuple of distinct level ids, added later: written only when set."""
    return field(
        default=(), converter=_checks.to_tuple, validator=_ids, metadata=_checks.LATER_FIELD
    )


def _optional(kind: type) -> Any:
    return _checks.instance_of(kind, optional=True)


@frozen(kw_only=True)
class Route:
    """Where the cases of a channel or category go up from ``level``: ``to``, or an alternative.

    ``channel`` and ``category`` left out match every case; the first route of the
    policy that matches a case at its level decides, over the level's own
    ``escalates_to`` and ``alternatives``.

    >>> route = Route(level="grid", to="agency", channel=CaseChannel.PLATFORM)
    >>> route.matches(CaseChannel.PLATFORM, CaseCategory.DISPUTE), route.targets
    (True, ('agency',))
    >>> Route(level="grid", to="agency", alternatives=("agency",))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Route.alternatives: must not repeat the route's own target (got ('agency',))
    """

    level: str = field(validator=_checks.identifier)
    to: str = field(validator=_checks.identifier)
    alternatives: tuple[str, ...] = field(default=(), converter=_checks.to_tuple, validator=_ids)
    channel: CaseChannel | None = field(default=None, validator=_optional(CaseChannel))
    category: CaseCategory | None = field(default=None, validator=_optional(CaseCategory))

    def __attrs_post_init__(self) -> None:
        if self.to in self.alternatives:
            raise InvalidValue(
                "Route.alternatives", self.alternatives, "must not repeat the route's own target"
            )

    @property
    def targets(self) -> tuple[str, ...]:
        """The levels a matching case may go to, the default first."""
        return (self.to, *self.alternatives)

    def matches(self, channel: CaseChannel, category: CaseCategory) -> bool:
        """Whether a case of ``channel`` and ``category`` takes this route."""
        return (self.channel is None or self.channel is channel) and (
            self.category is None or self.category is category
        )


def _known_next(
    policy: Any, by_id: dict[str, Any], here: str, channel: CaseChannel, category: CaseCategory
) -> tuple[str, ...]:
    # A target naming no level is reported on its own; the graph leaves it out.
    return tuple(t for t in next_levels(policy, by_id[here], channel, category) if t in by_id)


def next_levels(
    policy: Any, level: Any, channel: CaseChannel, category: CaseCategory
) -> tuple[str, ...]:
    """Where a case of ``channel`` and ``category`` may go up from ``level``: default first."""
    for route in policy.routes:
        if route.level == level.id and route.matches(channel, category):
            return route.targets  # type: ignore[no-any-return]
    if level.escalates_to is None:
        return ()
    return (level.escalates_to, *level.alternatives)


def _edges(policy: Any, found: list[tuple[str, str]], known: str) -> None:
    """Every named target names a level, not its own, and the top escalates nowhere."""
    ids = {level.id for level in policy.levels}
    last = policy.levels[-1].id if policy.levels else None
    for i, level in enumerate(policy.levels):
        named = [(f"levels[{i}].escalates_to", level.escalates_to)] if level.escalates_to else []
        named += [(f"levels[{i}].alternatives[{k}]", t) for k, t in enumerate(level.alternatives)]
        if level.alternatives and level.escalates_to is None:
            found.append((f"levels[{i}].alternatives", "needs a default: set escalates_to"))
        if named and i == len(policy.levels) - 1:
            found.append((named[0][0], "is set on the last level, the top: it escalates nowhere"))
            continue
        for where, target in named:
            if target not in ids:
                found.append((where, f"names no level {target!r}; the levels are {known}"))
            elif target == level.id:
                found.append((where, f"names level {target!r} itself"))
    seen: dict[tuple[Any, ...], int] = {}
    for j, route in enumerate(policy.routes):
        key = (route.level, route.channel, route.category)
        if key in seen:
            found.append((f"routes[{j}]", f"matches what routes[{seen[key]}] does: never taken"))
        seen.setdefault(key, j)
        if route.level not in ids:
            found.append(
                (f"routes[{j}].level", f"names no level {route.level!r}; the levels are {known}")
            )
        elif route.level == last:
            found.append(
                (f"routes[{j}].level", f"names the top level {last!r}: it escalates nowhere")
            )
        for where, target in [(f"routes[{j}].to", route.to)] + [
            (f"routes[{j}].alternatives[{k}]", t) for k, t in enumerate(route.alternatives)
        ]:
            if target not in ids:
                found.append((where, f"names no level {target!r}; the levels are {known}"))
            elif target == route.level:
                found.append((where, f"names level {target!r}, the route's own level"))


def _case_kind(channel: CaseChannel, category: CaseCategory) -> str:
    return f"{channel.value} {category.value} cases"


def _walk_default(
    policy: Any, by_id: dict[str, Any], start: str, channel: CaseChannel, category: CaseCategory
) -> list[str] | None:
    """The default route from ``start``: None when it reaches the top, else the loop."""
    path = [start]
    while True:
        targets = _known_next(policy, by_id, path[-1], channel, category)
        if not targets:
            return None
        if targets[0] in path:
            return [*path[path.index(targets[0]) :], targets[0]]
        path.append(targets[0])


def route_problems(
    policy: Any, entries: Sequence[tuple[CaseChannel, str]]
) -> list[tuple[str, str]]:
    """Every way the routes fail to form a chain to the top, each with its path.

    ``entries`` are the (channel, level id) of the intakes that name a level. Called by
    the policy once its levels and intakes are known to be sound.
    """
    found: list[tuple[str, str]] = []
    if not policy.levels:
        return found
    known = ", ".join(level.id for level in policy.levels)
    _edges(policy, found, known)
    position: dict[str, int] = {}
    for i, level in enumerate(policy.levels):
        position.setdefault(level.id, i)
    by_id = {level_id: policy.levels[i] for level_id, i in position.items()}
    top = policy.levels[-1].id
    reached: set[str] = set()
    reported: set[tuple[str, str]] = set()
    for channel, entry in entries:
        for category in CaseCategory:
            kind = _case_kind(channel, category)
            stack, seen, broken = [entry], {entry}, False
            while stack:
                here = stack.pop()
                named = next_levels(policy, by_id[here], channel, category)
                targets = tuple(t for t in named if t in by_id)
                broken = broken or len(targets) < len(named) or (not named and here != top)
                if not named and here != top and ("dead", here) not in reported:
                    reported.add(("dead", here))
                    found.append(
                        (
                            f"levels[{position[here]}].escalates_to",
                            f"is missing for {kind}: a dead end; only the last level (the top) "
                            "escalates nowhere",
                        )
                    )
                for target in targets:
                    if target not in seen:
                        seen.add(target)
                        stack.append(target)
            reached |= seen
            if top not in seen and not broken and ("stuck", entry) not in reported:
                reported.add(("stuck", entry))
                found.append(
                    (
                        f"levels[{position[entry]}]",
                        f"{kind} entering at {entry!r} never reach the top {top!r}: "
                        "a cycle without a way out",
                    )
                )
            # A cycle with a way out only through alternatives still traps the clock.
            for here in sorted(seen, key=position.__getitem__) if top in seen else ():
                loop = _walk_default(policy, by_id, here, channel, category)
                if loop is not None and ("loop", loop[0]) not in reported:
                    reported.add(("loop", loop[0]))
                    found.append(
                        (
                            f"levels[{position[loop[0]]}]",
                            f"the default route of {kind} runs in a cycle "
                            f"{' → '.join(loop)}: auto-escalation never reaches the top",
                        )
                    )
    for i, level in enumerate(policy.levels):
        if level.id not in reached and position[level.id] == i:
            found.append(
                (
                    f"levels[{i}]",
                    f"level {level.id!r} is unreachable: no intake enters there and no "
                    "route from a reachable level leads to it",
                )
            )
    return found


def policy_problems(policy: Any) -> list[tuple[str, str]]:
    """Every way the levels, intakes and routes fail to form one chain, each with its path."""
    found: list[tuple[str, str]] = []
    levels, intakes = policy.levels, policy.intakes
    if not levels:
        found.append(("levels", "must list at least one level"))
    if not intakes:
        found.append(("intakes", "must list at least one intake"))
    position: dict[str, int] = {}
    for i, level in enumerate(levels):
        if level.id in position:
            found.append((f"levels[{i}].id", f"repeats level {level.id!r}"))
        else:
            position[level.id] = i
    known = ", ".join(position)
    seen_channels: set[CaseChannel] = set()
    for j, intake in enumerate(intakes):
        if intake.channel in seen_channels:
            found.append((f"intakes[{j}].channel", f"lists {intake.channel.value} twice"))
        seen_channels.add(intake.channel)
        if intake.level not in position:
            found.append(
                (f"intakes[{j}].level", f"names no level {intake.level!r}; the levels are {known}")
            )
    # The routes between the levels, as a graph, from the intakes that name a level.
    entries = [(i.channel, i.level) for i in intakes if i.level in position]
    found.extend(route_problems(policy, entries))
    return found
