"""The command line, fed bad arguments through ``main(argv, out=...)``: exit status 2 and
one line on standard error naming what is wrong, never a traceback."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from _fuzz import TALLY
from hypothesis import given, settings
from hypothesis import strategies as st

from wulian_core import codec, synth
from wulian_core.cli import main

BAD_WORDS = [
    "",
    " ",
    "x",
    "-1",
    "0",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "18446744073709551616",
    "nan",
    "inf",
    "2024-02-08T10:00",
    "2024-02-08T10:00+99:00",
    "\x00",
    "x" * 5000,
    "/nonexistent/x.json",
    "--",
    "-x",
]


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "district.json"
    path.write_text(codec.to_json(synth.kangbashi(seed=0)), encoding="utf-8")
    return path


def _argvs(district: Path, folder: Path, word: str) -> list[list[str]]:
    d, out = str(district), str(folder / "out")
    return [
        ["evaluate", d, "--as-of", word],
        ["evaluate", word, "--as-of", "2023-12-31"],
        ["evaluate", d, "--as-of", "2023-12-31", "--policy", word],
        ["evaluate", d, "--as-of", "2023-12-31", "--format", word],
        ["calendar", word],
        ["calendar", "2024-02-04", "--add", word],
        ["calendar", "2024-02-04", "--year-file", word],
        ["calendar", "add-notice", word, "-o", out],
        ["synth", "--scale", word],
        ["synth", "--scale", "province", "--communities", word, "-o", out],
        ["open311", word],
        ["demo", "--seed", word, "--output", "/nonexistent/report.html"],
        [word],
    ]


def run(argv: list[str]) -> tuple[int, list[str]]:
    """The exit status and the non-blank lines on standard error; a traceback fails."""
    TALLY.add("command lines")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(argv, out=io.StringIO())
    return status, [line for line in err.getvalue().splitlines() if line.strip()]


@pytest.mark.parametrize("word", BAD_WORDS, ids=repr)
def test_a_bad_word_anywhere_is_one_line_and_exit_status_2_or_a_success(
    word: str, district: Path, tmp_path: Path
) -> None:
    for argv in _argvs(district, tmp_path, word):
        status, lines = run(argv)
        assert status == 0 or (status == 2 and len(lines) == 1), (argv[:4], status, lines)


def test_the_far_dates_of_the_issue_are_one_line(district: Path) -> None:
    for argv in (
        ["evaluate", str(district), "--as-of", "9999-12-31"],
        ["calendar", "9999-12-31", "--add", "5"],
        ["calendar", "2024-02-04", "--add", "18446744073709551616"],
    ):
        status, lines = run(argv)
        assert (status, len(lines)) == (2, 1), lines
        assert lines[0].startswith("wulian ")


@settings(max_examples=max(10, settings().max_examples // 2))
@given(
    start=st.text(max_size=30) | st.dates().map(str) | st.datetimes().map(str),
    add=st.none() | st.text(max_size=8) | st.integers().map(str),
)
def test_drawn_calendar_arguments_are_answered_or_one_line(start: str, add: str | None) -> None:
    argv = ["calendar", start] if add is None else ["calendar", start, "--add", add]
    status, lines = run(argv)
    assert status == 0 or (status == 2 and len(lines) == 1), (argv, status, lines)
