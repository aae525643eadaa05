"""The demo's text, report and events, and the public names, byte for byte as recorded.

The files under ``tests/golden/`` were written before the package moved to its layout
of faces over private packages (``python tests/golden/make_golden.py``); a change that
alters any of them must say so in the changelog and write them anew.
"""

from __future__ import annotations

import importlib
import io
import tempfile
from pathlib import Path

from wulian_core import codec, policies, synth
from wulian_core.cli import main
from wulian_core.simulation import simulate_quarter

# The faces whose names users import; every name in them stays importable.
FACES = (
    "wulian_core",
    "wulian_core.calendar",
    "wulian_core.calendar_cn",
    "wulian_core.codec",
    "wulian_core.demo",
    "wulian_core.directory",
    "wulian_core.errors",
    "wulian_core.escalation",
    "wulian_core.html_report",
    "wulian_core.model",
    "wulian_core.people",
    "wulian_core.points",
    "wulian_core.policies",
    "wulian_core.regions",
    "wulian_core.rules",
    "wulian_core.simulation",
    "wulian_core.strategies",
    "wulian_core.synth",
)


def demo_outputs() -> tuple[str, str]:
    """The text ``wulian demo`` prints (the report's path made fixed) and the report it writes."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.html"
        out = io.StringIO()
        assert main(["demo", "--output", str(output)], out=out) == 0
        text = out.getvalue().replace(str(output), "REPORT").replace(folder, "FOLDER")
        return text, output.read_text(encoding="utf-8")


def quarter_events() -> str:
    """Every event of the seed-0 quarter as JSON, one line each, stream by stream."""
    directory = synth.kangbashi(seed=0)
    quarter = simulate_quarter(directory, targets=policies.load("shaanxi-2022"), seed=0)
    lines: list[str] = []
    for case in quarter.cases:
        lines.extend(codec.to_json(event) for event in case.events)
    for book in quarter.passbooks:
        lines.extend(codec.to_json(event) for event in book.events)
    lines.extend(codec.to_json(event) for event in quarter.catalogue.events)
    # Added later, after every stream above: the quarter's community activities.
    for activity in quarter.volunteering.activities:
        lines.extend(codec.to_json(event) for event in activity.events)
    return "\n".join(lines) + "\n"


def public_names() -> str:
    """``module name`` for every name in every face's ``__all__``, sorted."""
    rows = []
    for face in FACES:
        module = importlib.import_module(face)
        rows.extend(f"{face} {name}" for name in module.__all__)
    return "\n".join(sorted(rows)) + "\n"


GOLDEN = Path(__file__).parent / "golden"


def _golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def test_the_demo_prints_and_writes_what_it_did() -> None:
    text, report = demo_outputs()
    assert text == _golden("demo-seed0.txt")
    assert report == _golden("report-seed0.html")


def test_every_event_of_the_quarter_encodes_as_it_did() -> None:
    assert quarter_events() == _golden("quarter-seed0-events.jsonl")


def test_every_public_name_of_every_face_is_still_there() -> None:
    before = set(_golden("public-names.txt").splitlines())
    now = set(public_names().splitlines())
    assert before - now == set(), "names that users import went missing"
