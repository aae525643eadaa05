"""The ``wulian`` command as a user runs it."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wulian_core import Directory, from_json, synth
from wulian_core._progress import _Working
from wulian_core.cli import main


@pytest.fixture(autouse=True)
def _in_a_scratch_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo writes its report into the current directory: keep it out of the repo."""
    monkeypatch.chdir(tmp_path)


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


def test_the_demo_simulates_a_quarter_and_prints_its_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "模拟一个季度 simulated quarter 2024-08-01 to 2024-10-31 (seed 0)" in out
    for words in (
        "办结 resolved:",
        "网格员 grid",
        "按期办结率 on-time rate:",
        "满意率 satisfaction:",
        "积分 points issued:",
        "兑换 redeemed:",
        "品德积分 moral points:",
        "目标 targets (shaanxi-2022, 截至 2024-10-31",
        "未达标 not met:",
        "本区无对象 no subjects here:",
        "逾期自动上报 escalations on a missed deadline: 90 次 events, 涉及 over 64 件 cases",
    ):
        assert words in out, words


def test_the_demo_writes_the_html_report_in_the_current_directory_and_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["demo"]) == 0
    assert "报告 HTML report written to wulian-report.html" in capsys.readouterr().out
    page = (tmp_path / "wulian-report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page


def test_the_demo_in_english_says_where_it_wrote_in_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--lang", "en"]) == 0
    tail = capsys.readouterr().out.splitlines()[-3:]
    assert tail[0] == "HTML report written to wulian-report.html"
    assert tail[1].startswith("event store (") and "事件库" not in tail[1]
    assert (
        main(["report", "--store", "wulian-report.sqlite", "-o", "again.html", "--lang", "en"]) == 0
    )
    assert capsys.readouterr().out.startswith("HTML report written to again.html")


def test_the_demo_writes_the_report_where_output_says(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "sub" / "q3.html"
    target.parent.mkdir()
    assert main(["demo", "--output", str(target)]) == 0
    assert f"written to {target}" in capsys.readouterr().out
    assert target.exists() and not (tmp_path / "wulian-report.html").exists()


def test_an_unwritable_report_path_is_one_line_and_exit_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["demo", "--output", str(tmp_path / "missing" / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wulian_core", "demo"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert "116" in result.stdout


def _run_for_the_shell(tmp_path: Path, extra_path: Path | None) -> subprocess.CompletedProcess[str]:
    import os

    import wulian_core

    env = {**os.environ, "_ARGCOMPLETE": "1", "COMP_LINE": "wulian ev", "COMP_POINT": "9"}
    # The sources under test, by absolute path: the command runs in another directory.
    source = str(Path(wulian_core.__file__).parents[1])
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (extra_path, source) if p is not None)
    return subprocess.run(
        [sys.executable, "-m", "wulian_core", "calendar", "2024-02-04"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )


def test_the_shell_asking_for_completions_reaches_argcomplete_with_the_parser(
    tmp_path: Path,
) -> None:
    # argcomplete is the user's to install, not a dependency: a stand-in shows what it gets.
    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "argcomplete.py").write_text(
        "import sys\n"
        "def autocomplete(parser):\n"
        "    commands = parser._subparsers._group_actions[0].choices\n"
        "    print(parser.prog, ' '.join(sorted(commands)))\n"
        "    sys.exit(0)\n",
        encoding="utf-8",
    )
    result = _run_for_the_shell(tmp_path, stub)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "wulian",
        "calendar",
        "demo",
        "evaluate",
        "open311",
        "report",
        "synth",
    ]


def test_without_argcomplete_the_command_runs_as_usual(tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("argcomplete") is None:
        result = _run_for_the_shell(tmp_path, None)
    else:  # installed here: hide it behind a package that cannot be imported
        hidden = tmp_path / "hidden" / "argcomplete"
        hidden.mkdir(parents=True)
        (hidden / "__init__.py").write_text("raise ImportError('hidden')\n", encoding="utf-8")
        result = _run_for_the_shell(tmp_path, hidden.parent)
    assert result.returncode == 0, result.stderr
    assert "2024-02-04 (Sunday) is a working day" in result.stdout


def test_a_bad_date_is_one_line_and_exit_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--as-of", "2022-13-01"]) == 2
    err = capsys.readouterr().err
    assert "not a date YYYY-MM-DD: '2022-13-01'" in err
    assert err.count("\n") == 1


def test_no_command_prints_help_and_exit_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "demo" in capsys.readouterr().err


def test_calendar_tells_a_make_up_workday_and_a_holiday(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2024-02-04"]) == 0
    assert (
        "2024-02-04 (Sunday) is a working day: a make-up workday (调休)" in capsys.readouterr().out
    )
    assert main(["calendar", "2024-10-01"]) == 0
    assert "2024-10-01 (Tuesday) is a rest day: 国庆节" in capsys.readouterr().out


def test_calendar_gives_a_deadline_over_the_spring_festival(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "2024-02-08T10:00+08:00", "--add", "5"]) == 0
    out = capsys.readouterr().out
    assert "due 2024-02-22T00:00:00+08:00" in out
    assert "by the end of 2024-02-21, Wednesday" in out


def test_calendar_refuses_an_unknown_year_and_says_how_to_add_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "2027-01-04"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "2027-01-04 is outside the calendar" in err
    assert "--year-file" in err


def test_calendar_reads_a_year_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    year = tmp_path / "2027.toml"
    year.write_text(
        'year = 2027\nsource = "an invented notice"\nmakeup_workdays = [2027-01-09]\n'
        '[[holidays]]\nname = "元旦"\nstart = 2027-01-01\nend = 2027-01-03\n',
        encoding="utf-8",
    )
    assert main(["calendar", "2027-01-09", "--year-file", str(year)]) == 0
    assert "2027-01-09 (Saturday) is a working day: a make-up workday" in capsys.readouterr().out


def test_a_bad_year_file_is_one_line_naming_the_file_and_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = tmp_path / "2027.toml"
    year.write_text('year = 2027\nsource = "x"\nmakeup_workdays = [2027-01-05]\n', encoding="utf-8")
    assert main(["calendar", "2027-01-04", "--year-file", str(year)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(year) in err
    assert "makeup_workdays[0]: 2027-01-05 is a Tuesday" in err
    assert main(["calendar", "2027-01-04", "--year-file", str(tmp_path / "none.toml")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_naive_instant_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2024-02-08T10:00", "--add", "1"]) == 2
    err = capsys.readouterr().err
    assert "has no UTC offset" in err
    assert err.count("\n") == 1


def test_synth_writes_a_directory_that_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "province.json"
    args = ["synth", "--scale", "province", "--communities", "60", "--organizations", "500"]
    assert main([*args, "-o", str(target)]) == 0
    directory = from_json(Directory, target.read_text(encoding="utf-8"))
    assert len(directory.communities()) == 60
    assert len(directory.organizations) == 500


def test_synth_prints_the_district_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", "--seed", "2"]) == 0
    assert from_json(Directory, capsys.readouterr().out) == synth.kangbashi(seed=2)


@pytest.fixture
def directory_file(tmp_path: Path) -> Path:
    path = tmp_path / "kangbashi.json"
    assert main(["synth", "--output", str(path)]) == 0
    return path


def test_evaluate_prints_the_report_and_each_targets_tally(
    capsys: pytest.CaptureFixture[str], directory_file: Path
) -> None:
    capsys.readouterr()
    assert main(["evaluate", str(directory_file), "--as-of", "2024-10-31"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Report(shaanxi-2022 on 2024-10-31:")
    assert "township-stations: 达标 met 4/4 (达标)" in out
    assert main(["evaluate", str(directory_file), "--as-of", "2024-10-31", "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert "township-stations: met 4/4 (met) Each township" in english
    assert "达标" not in english


def test_evaluate_writes_json_csv_and_html(
    capsys: pytest.CaptureFixture[str], directory_file: Path
) -> None:
    import csv
    import io
    import json

    base = ["evaluate", str(directory_file), "--as-of", "2024-10-31", "--policy", "shaanxi-2022"]
    capsys.readouterr()
    assert main([*base, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[0]["as_of"] == "2024-10-31"
    assert main([*base, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(records) and rows[0]["target"] == records[0]["target"]
    assert main([*base, "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_evaluate_reads_a_policy_file(
    capsys: pytest.CaptureFixture[str], directory_file: Path, tmp_path: Path
) -> None:
    from wulian_core import policies

    policy = tmp_path / "mine.toml"
    policy.write_text(policies._bundled_texts()["shaanxi-2022"], encoding="utf-8")
    capsys.readouterr()
    assert (
        main(["evaluate", str(directory_file), "--as-of", "2024-10-31", "--policy", str(policy)])
        == 0
    )
    assert "Report(shaanxi-2022" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"regions": 3}', "bad.json: cannot decode Directory: regions:"),
        ("{not json", "bad.json: cannot decode Directory:"),
        (None, "bad.json: cannot read:"),
    ],
)
def test_evaluate_names_the_bad_directory_file_and_field_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, expected: str
) -> None:
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["evaluate", str(path), "--as-of", "2024-10-31"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert expected in err


def test_evaluate_names_the_bad_policy_file_and_field_in_one_line(
    capsys: pytest.CaptureFixture[str], directory_file: Path, tmp_path: Path
) -> None:
    policy = tmp_path / "p.toml"
    policy.write_text("name = 3\n", encoding="utf-8")
    capsys.readouterr()
    args = ["evaluate", str(directory_file), "--as-of", "2024-10-31", "--policy", str(policy)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "p.toml: cannot decode TargetSet:" in err and "name: must be a string" in err
    assert main([*args[:-1], "no-such-policy"]) == 2
    assert "not a bundled policy (shaanxi-2022, shaanxi-2024) or a file" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_long_work_moves_a_bar_on_a_terminal_and_says_done() -> None:
    terminal = _Terminal(tty=True)
    with _Working("evaluating", stream=terminal):
        time.sleep(0.35)
    shown = terminal.getvalue()
    assert shown.count("\r\x1b[Kevaluating [") >= 2
    assert shown.endswith("evaluating: done\n")


def test_long_work_prints_nothing_when_not_a_terminal() -> None:
    pipe = _Terminal(tty=False)
    with _Working("evaluating", stream=pipe):
        time.sleep(0.15)
    assert pipe.getvalue() == ""


# -- conventions: version, options that do not apply, errors, formats, exit codes ---------


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert main(["--version"]) == 0  # main returns its status; it never exits the process
    assert capsys.readouterr().out.strip() == f"wulian {version('wulian-core')}"


def test_synth_refuses_province_options_at_district_scale(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["synth", "--communities", "5"]) == 2
    assert "--communities apply to --scale province only" in capsys.readouterr().err


def test_a_policy_file_that_is_not_toml_is_named_but_never_echoed(
    directory_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "hostname"
    secret.write_text("secret-host-name-42\n", encoding="utf-8")

    code = main(["evaluate", str(directory_file), "--as-of", "2023-12-31", "--policy", str(secret)])

    err = capsys.readouterr().err
    assert code == 2
    assert str(secret) in err and "not a TOML policy file" in err
    assert "secret-host-name-42" not in err


def test_csv_has_a_bom_and_plain_numbers(
    directory_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    main(["evaluate", str(directory_file), "--as-of", "2023-12-31", "--format", "csv"])
    text = capsys.readouterr().out

    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert all("/" not in row["measured"] and "/" not in row["required"] for row in rows)
    mix = next(r for r in rows if r["target"] == "organization-mix")
    assert (mix["required"], mix["required_numerator"], mix["required_denominator"]) == (
        "0.5",
        "1",
        "2",
    )
    float(mix["measured"])


def test_json_has_one_type_per_field(
    directory_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    main(["evaluate", str(directory_file), "--as-of", "2023-12-31", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)

    for field in rows[0]:
        kinds = {type(row[field]).__name__ for row in rows if row[field] is not None}
        assert len(kinds) <= 1, (field, kinds)
    assert {type(r["measured"]) for r in rows} == {float}


def test_fail_on_unmet_exits_1_and_without_it_0(directory_file: Path) -> None:
    args = ["evaluate", str(directory_file), "--as-of", "2023-12-31"]

    assert main(args, out=io.StringIO()) == 0
    assert main([*args, "--fail-on-unmet"], out=io.StringIO()) == 1


def test_evaluate_html_uses_the_reports_stylesheet(directory_file: Path) -> None:
    from wulian_core.html_report import STYLESHEET

    out = io.StringIO()
    main(["evaluate", str(directory_file), "--as-of", "2023-12-31", "--format", "html"], out=out)

    assert STYLESHEET in out.getvalue()
    assert out.getvalue().startswith("<!DOCTYPE html>")


def test_evaluate_text_in_english(directory_file: Path) -> None:
    out = io.StringIO()
    main(["evaluate", str(directory_file), "--as-of", "2023-12-31", "--lang", "en"], out=out)

    assert "(not met)" in out.getvalue() and "未达标" not in out.getvalue()


@pytest.mark.parametrize("columns", [20, 40, 80, 200])
def test_every_progress_frame_fits_the_terminal(columns: int) -> None:
    working = _Working("evaluating shaanxi-2022 over 20,000 communities", columns=columns)

    for tick in range(60):
        line = working.frame(tick, 12.5).removeprefix("\r\x1b[K")
        assert len(line) <= columns - 1


@pytest.mark.parametrize("command", [["open311", "requests"], ["report", "-o", "r.html"]])
@pytest.mark.parametrize("content", ["text", "other database"])
def test_a_file_that_is_no_store_is_refused_in_one_line(
    command: list[str],
    content: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import sqlite3

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "not-a-store.sqlite"
    if content == "text":
        path.write_text("hello\n", encoding="utf-8")
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
    assert main([*command, "--store", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not a wulian event store" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_open311_refuses_a_seed_with_a_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open311", "requests", "--store", "any.sqlite", "--seed", "3"]) == 2
    assert "--seed applies only without --store" in capsys.readouterr().err
