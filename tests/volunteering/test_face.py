"""The volunteering face: sorted, documented, light to import; a simulated quarter is seeded."""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from pathlib import Path

import wulian_core.volunteering as face
from wulian_core._volunteering.example import quarter

PACKAGE = Path(face.__file__).parent / "_volunteering"


def test_all_is_sorted_and_every_name_is_there() -> None:
    assert face.__all__ == sorted(face.__all__)
    for name in face.__all__:
        assert hasattr(face, name), name


def test_every_public_callable_has_a_runnable_example() -> None:
    unions = (face.ActivityEvent, face.RegistrationEvent)  # type aliases: documented in the module
    missing = [
        name
        for name in face.__all__
        if not any(getattr(face, name) is union for union in unions)
        and (callable(getattr(face, name)) or isinstance(getattr(face, name), type))
        and ">>>" not in (getattr(face, name).__doc__ or "")
    ]
    assert missing == []


def test_no_private_module_imports_the_face_or_hypothesis() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module != "wulian_core.volunteering", path.name
                assert not node.module.startswith("hypothesis"), path.name
            if isinstance(node, ast.Import):
                assert all(not a.name.startswith(("hypothesis", "cattrs")) for a in node.names), (
                    path.name
                )


def test_importing_the_face_pulls_in_no_hypothesis_or_cattrs() -> None:
    code = (
        "import sys, wulian_core.volunteering\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in ('hypothesis', 'cattrs')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_a_quarter_is_the_same_for_the_same_seed_and_attendance_never_exceeds_sign_up() -> None:
    first, second = quarter(), quarter()
    assert [a.events for a in first.activities] == [a.events for a in second.activities]
    assert first.needs == second.needs
    for act in first.activities:
        assert set(act.certified) <= set(act.checked_in) <= set(act.confirmed)
        assert act.opening.starts.day == 10
    held = first.records().activities_held(dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert all(
        a.volunteers | a.social_workers
        <= set(first.activities[0].certified) | {p for x in first.activities for p in x.certified}
        for a in held
    )
