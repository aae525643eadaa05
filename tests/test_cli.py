"""The ``wulian`` command as a user runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wulian_core.cli import main


def test_the_demo_prints_the_articles_figures_in_chinese_and_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "康巴什区 (150603)" in out
    assert "街道 streets: 4" in out
    assert "社区 communities: 19 (悦和社区" in out
    assert "登记注册社会组织 registered social organizations: 116" in out
    assert "15.0 per community on average" in out


def test_the_demo_is_deterministic_for_a_seed(capsys: pytest.CaptureFixture[str]) -> None:
    main(["demo", "--seed", "4"])
    first = capsys.readouterr().out
    main(["demo", "--seed", "4"])
    assert capsys.readouterr().out == first
    main(["demo", "--seed", "5"])
    assert capsys.readouterr().out != first


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wulian_core", "demo"], capture_output=True, text=True, check=True
    )
    assert "116" in result.stdout


def test_a_bad_date_is_one_line_and_exit_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["demo", "--as-of", "2022-13-01"])
    assert info.value.code == 2
    assert "not a date YYYY-MM-DD: '2022-13-01'" in capsys.readouterr().err


def test_no_command_prints_help_and_exit_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "demo" in capsys.readouterr().err
