"""The escalation chain's decisions, exactly: a scripted walk through every command,
refused and recorded, held byte for byte (``tests/golden/escalation_decisions.py`` says
how to regenerate it when a change is meant to alter a decision)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

GOLDEN = Path(__file__).parent.parent / "golden"


def _walk() -> str:
    spec = importlib.util.spec_from_file_location(
        "escalation_decisions", GOLDEN / "escalation_decisions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.transcript()  # type: ignore[no-any-return]


def test_the_walk_through_the_chain_decides_as_recorded() -> None:
    expected = (GOLDEN / "escalation-decisions.txt").read_text(encoding="utf-8")

    found = _walk()

    for number, (line, want) in enumerate(
        zip(found.splitlines(), expected.splitlines(), strict=False), 1
    ):
        assert line == want, f"step {number} differs"
    assert found == expected


def test_the_walk_records_and_refuses() -> None:
    lines = (GOLDEN / "escalation-decisions.txt").read_text(encoding="utf-8").splitlines()

    recorded = [line for line in lines if ': {"kind":' in line]
    refused = [
        line
        for line in lines
        if ": InvalidValue: " in line
        or ": PermissionDenied: " in line
        or ": IllegalTransition: " in line
    ]
    assert len(recorded) >= 30 and len(refused) >= 70
    assert len(recorded) + len(refused) == len(lines)
