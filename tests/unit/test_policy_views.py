"""The policy's mermaid and Markdown views escape what they show: a label or a name can
say anything without adding statements to the diagram or markup to the page."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core.escalation import EscalationPolicy, Route

NODE = re.compile(r'^    L\d+\["[^"\n]*"\]$')
EVIL = [
    'x"]\n    L9["injected"]\n    L0 --> L9',
    "网格]\r\nclick L0 call alert()",
    "a --> b; L1 -- 上报 --> L0",
    "```\n# heading",
    '{{"督办"}} (x) |y| `z` #quot; &',
    "line\u2028break\u2029and\x85more",
]


def _with_label(label: str) -> EscalationPolicy:
    policy = EscalationPolicy.kangbashi()
    first = attrs.evolve(policy.levels[0], label_zh=label)
    return attrs.evolve(policy, levels=(first, *policy.levels[1:]))


def _statements(diagram: str) -> list[str]:
    return diagram.split("\n")


@pytest.mark.parametrize("label", EVIL)
def test_a_label_adds_no_statement_to_the_diagram(label: str) -> None:
    plain = EscalationPolicy.kangbashi().to_mermaid()

    diagram = _with_label(label).to_mermaid()

    assert len(_statements(diagram)) == len(_statements(plain))
    node = next(line for line in _statements(diagram) if line.startswith("    L0["))
    assert NODE.match(node), node
    words = re.sub(r"#\w+;", "", node.split('"')[1])  # the label without its entities
    for text in ("-->", "]", ";", "`", "(", "{", "#"):
        assert text not in words


@given(label=st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_any_label_stays_inside_its_node(label: str) -> None:
    plain = _statements(EscalationPolicy.kangbashi().to_mermaid())

    diagram = _statements(_with_label(label).to_mermaid())

    assert len(diagram) == len(plain)
    changed = [line for line, before in zip(diagram, plain, strict=True) if line != before]
    assert all(NODE.match(line) for line in changed), changed


def test_the_markdown_view_shows_the_name_as_words() -> None:
    name = "悦和 **加粗** <script>alert(1)</script>\n# 标题 [链接](http://x)"
    policy = attrs.evolve(EscalationPolicy.kangbashi(), name=name)

    markdown = policy._repr_markdown_()

    title = markdown.split("\n\n", 1)[0]
    assert "\n" not in title
    assert "<script>" not in markdown and "&lt;script&gt;" in title
    assert r"\*\*加粗\*\*" in title and r"\[链接\]\(http://x\)" in title
    assert r"\# 标题" in title
    assert markdown.count("```") == 2


def test_the_bundled_diagram_needs_no_entities() -> None:
    diagram = EscalationPolicy.kangbashi().to_mermaid()

    assert "#" not in diagram
    assert all(line.startswith(("flowchart", "    ")) for line in _statements(diagram))


def test_the_clock_follows_the_platform_route_past_the_secretary() -> None:
    diagram = _statements(EscalationPolicy.kangbashi_routes().to_mermaid())

    from_grid = [line.strip() for line in diagram if line.startswith("    L1 ")]
    # A platform report the grid team does not resolve in its 2 working days goes to the
    # agency (L3), "处置不了的由专门机构第一时间受理"; by hand it may go to the secretary
    # (L2) instead; every other case climbs to the secretary, by hand or by the clock.
    assert from_grid == [
        "L1 -- 其他·上报 --> L2",
        "L1 -. 其他·超期 .-> L2",
        "L1 -- 平台上报·上报 --> L3",
        "L1 -. 平台上报·超期 .-> L3",
        "L1 -. 平台上报·可上报 .-> L2",
    ]
    assert "    L0 -. 超期 .-> L1" in diagram  # the liaison has no route: as before


def test_a_route_for_every_case_leaves_no_default_edge_and_its_labels_are_escaped() -> None:
    policy = EscalationPolicy.kangbashi_routes()
    grid = attrs.evolve(policy.levels[1], label_zh="网格<b>")
    every = Route(level="grid", to="agency", alternatives=("community",))
    routed = attrs.evolve(
        policy, levels=(policy.levels[0], grid, *policy.levels[2:]), routes=(every,)
    )

    from_grid = [
        line.strip() for line in _statements(routed.to_mermaid()) if line.startswith("    L1 ")
    ]

    assert from_grid == [
        "L1 -- 全部·上报 --> L3",
        "L1 -. 全部·超期 .-> L3",
        "L1 -. 全部·可上报 .-> L2",
    ]
    assert "网格#lt;b#gt;" in routed.to_mermaid()
