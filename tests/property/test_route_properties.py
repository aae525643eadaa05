"""Properties of routes: a policy the graph check lets through never strands a case.

Random route graphs over the four Kangbashi levels: either the policy is refused with
located problems, or from every intake, for every category, the clock's default route
reaches the top, and every level lies on some route.
"""

from __future__ import annotations

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
    routes = draw(
        st.lists(
            st.builds(
                Route,
                level=st.sampled_from(LOWER),
                to=st.sampled_from(IDS),
                channel=st.sampled_from([None, *CaseChannel]),
                category=st.sampled_from([None, *CaseCategory]),
            ),
            max_size=3,
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
            stack = [intake.level]
            while stack:
                level = stack.pop()
                if level not in reached:
                    reached.add(level)
                    stack.extend(
                        policy.next_levels(level, channel=intake.channel, category=category)
                    )
    assert reached == set(IDS)
