"""The ``wulian`` command.

- ``wulian demo``: build the synthetic Kangbashi district, simulate a quarter, print the
  summary and write the HTML report.
- ``wulian evaluate``: hold a directory (JSON) against a policy; text, JSON, CSV or HTML.
- ``wulian synth``: a seeded synthetic directory, district or province sized, as JSON.
- ``wulian calendar``: is a date a working day; when is a deadline N working days on;
  ``wulian calendar add-notice FILE.txt -o YEAR.toml`` turns a notice's text into a year file.
- ``wulian open311 requests``: the cases of a demo quarter as Open311 GeoReport v2 JSON.

Also runnable as ``python -m wulian_core``. Bad input (a date, a file, a field) is one
line on standard error naming what is wrong, and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from ._progress import _progress, _Working
from .errors import WulianError

if TYPE_CHECKING:
    from .calendar import ChinaCalendar

__all__ = ["main"]

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _InputError(Exception):
    """Bad input from the command line or a file: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line (``wulian calendar: argument --add: ...``)."""

    def error(self, message: str) -> NoReturn:
        raise _InputError(f"{self.prog}: {message}; see {self.prog} --help")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _instant(text: str) -> dt.datetime | dt.date:
    """A date, or an aware ISO datetime; a naive datetime is refused."""
    if len(text) == 10:
        return _date(text)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date or ISO datetime: {text!r}") from None
    if value.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset; write it like 2024-02-08T10:00+08:00"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wulian",
        description="五社联动 community governance: the wulian-core command line.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", help="build the article's Kangbashi district and print its summary"
    )
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.add_argument(
        "--as-of", type=_date, default=None, help="count as of this date (default 2022-06-30)"
    )
    demo.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("wulian-report.html"),
        help="where to write the HTML report (default wulian-report.html)",
    )

    evaluate = commands.add_parser(
        "evaluate", help="hold a directory (JSON) against a policy's targets"
    )
    evaluate.add_argument("directory", type=Path, help="a directory as JSON (wulian synth)")
    evaluate.add_argument(
        "--policy",
        default="shaanxi-2022",
        help="a bundled policy (shaanxi-2022) or a TOML file (default shaanxi-2022)",
    )
    evaluate.add_argument("--as-of", type=_date, required=True, help="evaluate as of this date")
    evaluate.add_argument(
        "--format", choices=("text", "json", "csv", "html"), default="text", help="default text"
    )

    synth = commands.add_parser("synth", help="write a seeded synthetic directory as JSON")
    synth.add_argument("--scale", choices=("district", "province"), default="district")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.add_argument("--communities", type=int, default=20_000, help="province scale only")
    synth.add_argument("--organizations", type=int, default=200_000, help="province scale only")
    synth.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")

    calendar = commands.add_parser(
        "calendar",
        help="working days on the official calendar: a date, a deadline, or add-notice",
        description=(
            "The bundled notices cover 2003-12-25 to 2026-12-24. Add a year with --year-file,"
            " or count by law, provisionally, through 2060-12-24 with --beyond statutory."
            " `wulian calendar add-notice FILE.txt -o YEAR.toml` reads a notice's text."
        ),
    )
    calendar.add_argument(
        "start",
        type=_start_or_command,
        metavar="START",
        help="a date (2024-02-04), an instant (2024-02-08T10:00+08:00), or add-notice",
    )
    calendar.add_argument(
        "notice", type=Path, nargs="?", default=None, metavar="FILE.txt", help="add-notice only"
    )
    calendar.add_argument(
        "--add", type=int, default=None, metavar="N", help="the deadline N working days on"
    )
    calendar.add_argument(
        "--year-file",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a State Council notice as TOML, for a year the library does not bundle yet",
    )
    calendar.add_argument(
        "--beyond",
        choices=("statutory",),
        default=None,
        help="past the last notice, count by law (provisional days) through 2060-12-24",
    )
    calendar.add_argument(
        "-o", "--output", type=Path, default=None, help="add-notice: the TOML file to write"
    )

    open311 = commands.add_parser("open311", help="Open311 GeoReport v2 records as JSON")
    open311_records = open311.add_subparsers(dest="open311_command", metavar="RECORDS")
    requests = open311_records.add_parser(
        "requests", help="the cases of a demo quarter as GeoReport service requests"
    )
    requests.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    requests.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")
    return parser


def _start_or_command(text: str) -> dt.datetime | dt.date | str:
    return text if text == "add-notice" else _instant(text)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> import tempfile, pathlib
    >>> report = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> main(["demo", "--seed", "1", "--output", str(report)])  # doctest: +ELLIPSIS
    康巴什区 (150603), as of 2022-06-30
    ...
    0
    >>> main(["calendar", "2024-02-04"])  # doctest: +ELLIPSIS
    2024-02-04 (Sunday) is a working day: a make-up workday (调休) by 国务院办公厅关于2024年...
    0
    """
    out = sys.stdout if out is None else out
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _InputError as exc:
        print(_one_line(exc), file=sys.stderr)
        return 2
    except SystemExit as done:  # --help and --version end here, with their own status
        return int(done.code or 0) if not isinstance(done.code, str) else 2
    commands: dict[str, Callable[[argparse.Namespace, TextIO], None]] = {
        "demo": _demo,
        "evaluate": _evaluate,
        "synth": _synth,
        "calendar": _calendar,
        "open311": _open311,
    }
    command = commands.get(args.command)
    if command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        command(args, out)
    except BrokenPipeError:  # `wulian synth | head`: the reader had enough
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's flush quiet
        return 0
    except (_InputError, WulianError) as exc:
        print(f"wulian {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 2
    return 0


def _demo(args: argparse.Namespace, out: TextIO) -> None:
    from . import policies
    from .demo import ARTICLE_DATE, quarter_summary, summary
    from .html_report import render
    from .simulation import simulate_quarter
    from .synth import kangbashi

    directory = kangbashi(seed=args.seed)
    print(summary(directory, as_of=args.as_of or ARTICLE_DATE), file=out)
    quarter = simulate_quarter(directory, targets=policies.load("shaanxi-2022"), seed=args.seed)
    names = {person.id: person.name for person in directory.persons}
    print(quarter_summary(quarter, names=names), file=out)
    page = render(quarter)
    try:
        args.output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise _InputError(f"{args.output}: cannot write: {exc.strerror}") from None
    print(f"报告 HTML report written to {args.output}", file=out)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _InputError(f"{_shown_path(path)}: not UTF-8 text") from None
    except OSError as exc:
        raise _InputError(f"{_shown_path(path)}: cannot read: {exc.strerror}") from None
    except ValueError:  # a NUL in the name: no file can have it
        raise _InputError(f"{_shown_path(path)}: not a file name") from None


def _shown_path(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 200 and text.isprintable() else f"{text[:40]!r}…"


def _exists(path: Path) -> bool:
    """Whether ``path`` names a file; a name no file can have (too long, a NUL) names none."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _evaluate(args: argparse.Namespace, out: TextIO) -> None:
    import csv
    import html
    import json

    from . import policies
    from .codec import from_json
    from .directory import Directory
    from .rules import evaluate

    try:
        with _Working(f"reading {args.directory}"):
            directory = from_json(Directory, _read_text(args.directory))
    except WulianError as exc:
        raise _InputError(f"{args.directory}: {_one_line(exc)}") from None
    if args.policy in policies.bundled():
        plan = policies.load(args.policy)
    else:
        path = Path(args.policy)
        if path.suffix != ".toml" and not _exists(path):
            known = ", ".join(policies.bundled())
            raise _InputError(f"--policy {args.policy!r}: not a bundled policy ({known}) or a file")
        try:
            plan = policies.load(_read_text(path))
        except WulianError as exc:
            raise _InputError(f"{path}: {_one_line(exc)}") from None
    with _Working(f"evaluating {plan.name} over {len(directory.communities()):,} communities"):
        report = evaluate(plan, directory, as_of=args.as_of)
    if args.format == "json":
        print(json.dumps(report.to_records(), ensure_ascii=False, default=str, indent=1), file=out)
    elif args.format == "csv":
        records = report.to_records()
        fields = list(records[0]) if records else []
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    elif args.format == "html":
        print(
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{html.escape(plan.name)}</title></head>"
            f"<body>{report._repr_html_()}</body></html>",
            file=out,
        )
    else:
        print(repr(report), file=out)
        for total in report.totals():
            target = report.target(total.target)
            print(
                f"  {total.target}: {total.met} of {total.subjects} met"
                f" ({total.status.value}) {target.title_zh} / {target.title_en}",
                file=out,
            )


def _synth(args: argparse.Namespace, out: TextIO) -> None:
    from .codec import to_json
    from .synth import kangbashi, province

    if args.scale == "district":
        directory = kangbashi(seed=args.seed)
    else:
        if args.communities < 1 or args.organizations < 0:
            raise _InputError("--communities must be at least 1 and --organizations at least 0")
        townships = max(1, min(args.communities // 15, 110 * 999))
        label = f"province: {args.communities:,} communities, {args.organizations:,} organizations"
        with _Working(f"building {label}"):
            directory = province(
                seed=args.seed,
                townships=townships,
                communities=args.communities,
                organizations=args.organizations,
            )
    with _Working("encoding JSON"):
        text = to_json(directory)
    if args.output is None:
        print(text, file=out)
        return
    try:
        args.output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise _InputError(f"{args.output}: cannot write: {exc.strerror}") from None
    _progress(f"wrote {args.output} ({len(text):,} characters)")


def _open311(args: argparse.Namespace, out: TextIO) -> None:
    if args.open311_command != "requests":
        raise _InputError("say which records: wulian open311 requests")
    from . import policies
    from .open311 import requests_to_json
    from .simulation import simulate_quarter
    from .synth import kangbashi

    directory = kangbashi(seed=args.seed)
    with _Working("simulating a quarter"):
        quarter = simulate_quarter(directory, targets=policies.load("shaanxi-2022"), seed=args.seed)
    names = {agency.id: agency.name for agency in directory.agencies}
    text = requests_to_json(quarter.cases, agency_names=names)
    if args.output is None:
        print(text, file=out)
        return
    try:
        args.output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise _InputError(f"{args.output}: cannot write: {exc.strerror}") from None
    _progress(f"wrote {args.output} ({len(quarter.cases):,} requests)")


def _calendar(args: argparse.Namespace, out: TextIO) -> None:
    from .errors import CalendarCoverageError

    if args.start == "add-notice":
        _add_notice(args, out)
        return
    if args.notice is not None or args.output is not None:
        raise _InputError(
            "FILE.txt and -o belong to add-notice: wulian calendar add-notice FILE.txt"
        )
    try:
        _answer_calendar(args, out)
    except CalendarCoverageError as exc:
        # The library's advice names its API; here the same advice is the command's options.
        detail = exc.detail.replace(
            "calendar.extended(YearNotice.from_toml(text)); see docs/time-limits.md",
            "--year-file FILE (a notice as TOML; `wulian calendar add-notice` writes one)",
        ).replace('with beyond="statutory"', "with --beyond statutory, through 2060-12-24")
        raise _InputError(f"{exc.date} is outside the calendar: {detail}") from None


def _add_notice(args: argparse.Namespace, out: TextIO) -> None:
    from .calendar import YearNotice

    if args.notice is None:
        raise _InputError("add-notice needs the notice's text: wulian calendar add-notice FILE.txt")
    text = _read_text(args.notice)
    try:
        notice = YearNotice.from_text(text)
    except WulianError as exc:
        raise _InputError(f"{args.notice}: {exc}") from None
    toml = f"# Read from {args.notice.name} by wulian calendar add-notice.\n{notice.to_toml()}"
    if args.output is None:
        out.write(toml)
        return
    try:
        args.output.write_text(toml, encoding="utf-8")
    except OSError as exc:
        raise _InputError(f"{args.output}: cannot write: {exc.strerror}") from None
    _progress(
        f"wrote {args.output}: {notice.year}, {len(notice.holidays)} holidays,"
        f" {len(notice.makeup_workdays)} make-up workdays"
    )


def _answer_calendar(args: argparse.Namespace, out: TextIO) -> None:
    from .calendar import SHANGHAI, TimeLimit

    china = _official_with(args.year_file, args.beyond)
    start = args.start
    if args.add is None:
        day = start if type(start) is dt.date else start.astimezone(SHANGHAI).date()
        print(_describe_day(china, day), file=out)
        return
    if args.add < 1:
        raise _InputError(f"--add must be a whole number of working days >= 1 (got {args.add})")
    instant = (
        dt.datetime.combine(start, dt.time(9), tzinfo=SHANGHAI) if type(start) is dt.date else start
    )
    due = TimeLimit.working_days(args.add).due(instant, china)
    last_day = (due - dt.timedelta(seconds=1)).date()
    note = ""
    if china.is_provisional(last_day):
        note = (
            f"; provisional: counted by law from {china.provisional_from},"
            " until the State Council's notice for the year is added"
        )
    print(
        f"{args.add} working days from {instant.isoformat()}: due {due.isoformat()}"
        f" (work must be done by the end of {last_day.isoformat()},"
        f" {_WEEKDAYS[last_day.weekday()]}, Asia/Shanghai{note})",
        file=out,
    )


def _official_with(year_files: list[Path], beyond: str | None) -> ChinaCalendar:
    from .calendar import ChinaCalendar, YearNotice

    calendar = ChinaCalendar.official(beyond="statutory" if beyond == "statutory" else None)
    for path in year_files:
        text = _read_text(path)
        try:
            calendar = calendar.extended(YearNotice.from_toml(text))
        except WulianError as exc:
            raise _InputError(f"{path}: {exc}") from None
    return calendar


def _describe_day(calendar: ChinaCalendar, day: dt.date) -> str:
    notice = calendar.notice_for(day)
    weekday = _WEEKDAYS[day.weekday()]
    if calendar.is_workday(day):
        if day in notice.makeup_workdays:
            return (
                f"{day.isoformat()} ({weekday}) is a working day:"
                f" a make-up workday (调休) by {notice.source}"
            )
        if calendar.is_provisional(day):
            return (
                f"{day.isoformat()} ({weekday}) is a working day (provisional: counted by law"
                " until the State Council's notice for the year is added)"
            )
        return f"{day.isoformat()} ({weekday}) is a working day"
    holiday = next((h for h in notice.holidays if h.start <= day <= h.end), None)
    if calendar.is_provisional(day):
        law = "provisional: counted by law until the State Council's notice for the year is added"
        if holiday is not None:
            by = f"{holiday.name} by {notice.source}"
            return f"{day.isoformat()} ({weekday}) is a rest day: {by} ({law})"
        return f"{day.isoformat()} ({weekday}) is a rest day ({law})"
    if holiday is not None:
        return f"{day.isoformat()} ({weekday}) is a rest day: {holiday.name} by {notice.source}"
    return f"{day.isoformat()} ({weekday}) is a rest day"


def _one_line(exc: Exception) -> str:
    """An error's message on one line: a DecodeError's list of paths joined with ``;``."""
    first, _, rest = str(exc).partition("\n")
    detail = "; ".join(line.lstrip("- ") for line in rest.splitlines())
    return f"{first} {detail}" if detail else first
