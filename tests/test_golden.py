"""The demo's text, report and events, and the public names, byte for byte as recorded.

The files under ``tests/golden/`` were written before the package moved to its layout
of faces over private packages (``python tests/golden/make_golden.py``); a change that
alters any of them must say so in the changelog and write them anew.
"""

from __future__ import annotations

from pathlib import Path

from golden_quarter import demo_outputs, public_names, quarter_events

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
