"""Properties of routes: a policy the graph check lets through never strands a case.

Random route graphs over the four Kangbashi levels: either the policy is refused with
located problems, or from every intake, for every category, the clock's default route
reaches the top, and every level lies on some route; and the policy's diagram draws the
clock's edge (超期) where the route sends each case, its alternatives apart.
"""

from __future__ import annotations

import re

import attrs
from hypothesis import event, given
from hypothesis import strategies as st

from wulian_core.errors import EscalationPolicyError
from wulian_core.escalation import CaseCategory, CaseChannel, EscalationPolicy, Route

BASE = EscalationPolicy.kangbashi()
IDS = [level.id for level in BASE.levels]
LOWER = IDS[:-1]  # the top escalates nowhere


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, object]:
    levels = []
    for i, level in enumerate(BASE.levels[:-1]):
        # Mostly a level above, sometimes anything: most graphs pass, many do not.
        later = st.sampled_from(IDS[i + 1 :])
        default = draw(st.one_of(later, later, later, st.sampled_from([None, *IDS])))
        others = draw(st.lists(st.sampled_from(IDS), max_size=2, unique=True))
        others = [t for t in others if t != default] if default is not None else []
        levels.append(attrs.evolve(level, escalates_to=default, alternatives=tuple(others)))
    routes = []
    for _ in range(draw(st.integers(0, 3))):
        to = draw(st.sampled_from(IDS))
        routes.append(
            Route(
                level=draw(st.sampled_from(LOWER)),
                to=to,
                alternatives=draw(
                    st.lists(st.sampled_from([t for t in IDS if t != to]), max_size=1)
                ),
                channel=draw(st.sampled_from([None, *CaseChannel])),
                category=draw(st.sampled_from([None, *CaseCategory])),
            )
        )
    return {
        "name": "x",
        "levels": (*levels, BASE.levels[-1]),
        "intakes": BASE.intakes,
        "routes": routes,
    }


@given(graph=graphs())
def test_a_policy_that_passes_the_check_takes_every_case_to_the_top(
    graph: dict[str, object],
) -> None:
    try:
        policy = EscalationPolicy(**graph)  # type: ignore[arg-type]
    except EscalationPolicyError as exc:
        event("refused")
        assert exc.located  # refused, and every problem has its path
        return
    event("accepted")

    top = policy.levels[-1].id
    reached: set[str] = set()
    for intake in policy.intakes:
        for category in CaseCategory:
            here, seen = intake.level, [intake.level]
            while here != top:
                here = policy.next_levels(here, channel=intake.channel, category=category)[0]
                assert here not in seen, (intake, category, seen)  # the clock never loops
                seen.append(here)
            # Reachability is per channel and category: a level met already on another
            # channel's walk may lead elsewhere on this one's route.
            stack, walked = [intake.level], set()
            while stack:
                level = stack.pop()
                if level not in walked:
                    walked.add(level)
                    stack.extend(
                        policy.next_levels(level, channel=intake.channel, category=category)
                    )
            reached |= walked
    assert reached == set(IDS)


EDGE = re.compile(r"    L(\d+) (?:--|-\.) (.+?) (?:-->|\.->) ([LS]\d+)")


def _edges(diagram: str) -> set[tuple[int, str, str]]:
    return {(int(m[1]), m[2], m[3]) for m in map(EDGE.match, diagram.split("\n")) if m}


def _kind(route: Route) -> str:
    named = [part.label_zh for part in (route.channel, route.category) if part is not None]
    return " ".join(named) or "全部"


@given(graph=graphs(), auto=st.booleans())
def test_the_diagram_draws_the_clock_where_the_route_sends_each_case(
    graph: dict[str, object], auto: bool
) -> None:
    try:
        policy = EscalationPolicy(**graph, auto_escalate=auto)  # type: ignore[arg-type]
    except EscalationPolicyError:
        return
    edges = _edges(policy.to_mermaid())
    index = {level.id: i for i, level in enumerate(policy.levels)}
    clock_edges: set[tuple[int, str, str]] = set()
    for i, level in enumerate(policy.levels):
        routes = [route for route in policy.routes if route.level == level.id]
        for channel in (intake.channel for intake in policy.intakes):
            for category in CaseCategory:
                targets = policy.next_levels(level.id, channel=channel, category=category)
                route = next((r for r in routes if r.matches(channel, category)), None)
                which = f"{_kind(route)}·" if route else "其他·" if routes else ""
                if not targets:
                    if auto:
                        clock_edges.add((i, f"{which}超期", f"S{i}"))
                    continue
                first = f"L{index[targets[0]]}"
                assert (i, f"{which}上报", first) in edges
                if auto:
                    clock_edges.add((i, f"{which}超期", first))
                for other in targets[1:]:
                    assert (i, f"{which}可上报", f"L{index[other]}") in edges
    # Every case's clock edge is drawn, and the diagram draws no other.
    assert {edge for edge in edges if edge[1].endswith("超期")} == clock_edges
