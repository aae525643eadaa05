"""``wulian calendar``: the fallback by law, provisional answers, and add-notice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wulian_core.calendar import ChinaCalendar, YearNotice
from wulian_core.cli import main

NOTICES = Path(__file__).parent / "data" / "notices"
INVENTED_2027 = NOTICES / "2027-invented.txt"  # INVENTED dates: a fixture, not the real notice


def test_add_notice_writes_the_year_file_that_year_file_and_from_toml_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "2027.toml"

    assert main(["calendar", "add-notice", str(INVENTED_2027), "-o", str(target)]) == 0

    text = target.read_text(encoding="utf-8")
    assert YearNotice.from_toml(text) == YearNotice.from_text(INVENTED_2027.read_text("utf-8"))
    assert main(["calendar", "2027-02-20", "--year-file", str(target)]) == 0
    assert "2027-02-20 (Saturday) is a working day: a make-up workday" in capsys.readouterr().out


def test_add_notice_without_o_prints_the_toml(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "add-notice", str(NOTICES / "2026.txt")]) == 0

    out = capsys.readouterr().out
    assert YearNotice.from_toml(out) == YearNotice.from_text(
        (NOTICES / "2026.txt").read_text("utf-8")
    )
    assert out.startswith("# Read from 2026.txt by wulian calendar add-notice.")


def test_add_notice_refuses_a_text_it_cannot_read_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周一）放假。\n", "utf-8"
    )

    assert main(["calendar", "add-notice", str(bad), "-o", str(tmp_path / "x.toml")]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "item 一 (元旦)" in err
    assert "says 周一, but 2027-01-01 is a 周五" in err
    assert not (tmp_path / "x.toml").exists()


def test_add_notice_needs_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["calendar", "add-notice"]) == 2
    assert "needs the notice's text" in capsys.readouterr().err
    assert main(["calendar", "add-notice", str(tmp_path / "none.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["calendar", "2024-02-04", str(INVENTED_2027)]) == 2
    assert "belong to add-notice" in capsys.readouterr().err


def test_the_coverage_message_says_what_the_calendar_covers_and_how_to_go_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "2027-01-04"]) == 2

    err = capsys.readouterr().err
    assert "this calendar knows 2003-12-25 to 2026-12-24" in err
    assert "--year-file FILE" in err
    assert "--beyond statutory, through 2060-12-24" in err
    assert "calendar.extended" not in err


def test_beyond_statutory_answers_provisionally(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2027-02-05", "--beyond", "statutory"]) == 0
    out = capsys.readouterr().out
    assert "2027-02-05 (Friday) is a rest day: 春节" in out
    assert "provisional" in out

    assert main(["calendar", "2027-01-04", "--beyond", "statutory"]) == 0
    assert "is a working day (provisional" in capsys.readouterr().out

    assert main(["calendar", "2026-12-01T10:00+08:00", "--add", "20", "--beyond", "statutory"]) == 0
    out = capsys.readouterr().out
    assert "due 2026-12-30T00:00:00+08:00" in out
    assert "provisional: counted by law from 2026-12-25" in out


def test_beyond_2060_the_message_says_where_the_law_table_ends(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "2061-01-04", "--beyond", "statutory"]) == 2
    assert "lunar table ends in 2060" in capsys.readouterr().err


def test_a_year_file_makes_the_provisional_year_firm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "2027.toml"
    assert main(["calendar", "add-notice", str(INVENTED_2027), "-o", str(target)]) == 0

    args = ["calendar", "2027-02-10", "--beyond", "statutory", "--year-file", str(target)]
    assert main(args) == 0

    out = capsys.readouterr().out
    assert "is a rest day: 春节 by 国务院办公厅关于2027年" in out
    assert "provisional" not in out
    assert ChinaCalendar.official(beyond="statutory").is_workday(date(2027, 2, 10))  # by law


def test_the_answer_is_a_chinese_line_with_the_english_beneath_or_english_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "2024-02-10"]) == 0
    zh, en = capsys.readouterr().out.splitlines()
    assert zh.startswith("2024-02-10（星期六）是休息日：春节，依据国务院办公厅关于2024年")
    assert en.startswith("2024-02-10 (Saturday) is a rest day: 春节 by 国务院办公厅关于2024年")
    assert main(["calendar", "2024-02-08T10:00+08:00", "--add", "3", "--lang", "en"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("3 working days from 2024-02-08T10:00:00+08:00: due 2024-02-20")
    assert "星期" not in line and "个工作日" not in line
    assert main(["calendar", "2024-02-08T10:00+08:00", "--add", "3"]) == 0
    zh = capsys.readouterr().out.splitlines()[0]
    assert zh.startswith("自2024-02-08T10:00:00+08:00起3个工作日：2024-02-20T00:00:00+08:00到期")
    assert "2024-02-19（星期一，北京时间）" in zh
